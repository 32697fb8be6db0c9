"""The merge fields a letter template may use: a fixed, documented set.

A template writes a field as ``{{ name }}``. ``FIELDS`` names every one and
says what it holds; ``values(case, ...)`` gives each its text for one case,
or a ``Missing`` saying why this case has none yet (no Stage 2, no officer).
A letter is never made with a blank where a fact should be.

Dates read "Wednesday 4 January 2023".
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import dateformat

from complaints.casework.models import Case, Point, Stage
from complaints.letters.models import Signature


@dataclass(frozen=True)
class Missing:
    """A field this case has no value for yet, and why, in words for the officer."""

    reason: str


OMBUDSMAN_TEXT = "ombudsman_text"

_STAGE_FIELDS = {
    "number": "the stage's number, for example 2",
    "started_on": "the date it started (received, for Stage 1; requested, for Stages 2 and 3)",
    "acknowledge_due_on": "the date the acknowledgement is due",
    "acknowledged_on": "the date it was acknowledged",
    "due_on": "the date the response is due (after any extension)",
    "due_explanation": "how the response due date was worked out, in words",
    "responded_on": "the date of the response",
    "findings": "each point of complaint and its finding at this stage, one a line",
    "next_step": "what the complainant can do next if not satisfied, under the case's procedure",
}

FIELDS: dict[str, str] = {
    "council.name": "the council's name",
    "today": "the date the letter is made",
    "case.reference": "the case reference, for example COM-2023-0001",
    "case.procedure": "the procedure the complaint is handled under, in words",
    "received_on": "the date the complaint was received",
    "complainant.name": "the complainant's name",
    "complainant.address": "the complainant's address (may be blank, for letters sent by email)",
    "children.names": "the names of the children the complaint is about",
    "officer.name": "the name of the officer the case is allocated to",
    "signatory": "who signs the letter: the name of the person making it, their job title, "
                 "telephone and email, one a line",
    "points": "the points of complaint, one a line",
    **{f"stage.{name}": f"the current stage: {text}" for name, text in _STAGE_FIELDS.items()},
    **{
        f"stage{number}.{name}": f"Stage {number}: {text}"
        for number in (1, 2, 3)
        for name, text in {
            **_STAGE_FIELDS,
            "started_on": "the date the complaint was received" if number == 1
            else "the date it was requested",
        }.items()
        if name != "number"
    },
    "extension.reason": "why the current stage was extended",
    "extension.new_due": "the date the response is due after the extension",
    "extension.told_on": "the date the complainant was told of the extension",
    OMBUDSMAN_TEXT: "the standard words on how to go to the Local Government and Social Care "
    "Ombudsman (the ombudsman template)",
}

PROCEDURE_WORDS = {
    Case.Procedure.STATUTORY: "statutory complaints procedure for children's services "
    "(Children Act 1989)",
    Case.Procedure.CORPORATE: "council's corporate complaints procedure",
}

# What a complainant not satisfied at the end of a stage can do next. The
# statutory 20 working days are common practice (DOMAIN.md, timescales).
NEXT_STEP = {
    (Case.Procedure.STATUTORY, 1): (
        "If you are not satisfied with our response, you can ask for your complaint to be "
        "investigated independently at Stage 2 of the procedure. Please tell us within 20 "
        "working days of receiving this letter which points you are still unhappy with."
    ),
    (Case.Procedure.STATUTORY, 2): (
        "If you are not satisfied with our response, you can ask for a review panel to "
        "consider your complaint at Stage 3 of the procedure. Please tell us within 20 "
        "working days of receiving this letter."
    ),
    (Case.Procedure.STATUTORY, 3): "This is the end of the council's complaints procedure.",
    (Case.Procedure.CORPORATE, 1): (
        "If you are not satisfied with our response, you can ask for your complaint to be "
        "considered at Stage 2 of our complaints procedure. Please tell us which points you "
        "are still unhappy with, and why."
    ),
    (Case.Procedure.CORPORATE, 2): "This is the end of the council's complaints procedure.",
}


def long_date(day: date) -> str:
    return dateformat.format(day, "l j F Y")


def _date(day: date | None, missing: str) -> str | Missing:
    return long_date(day) if day else Missing(missing)


def _stage_values(case: Case, stage: Stage | None, points: list[Point], name: str) -> dict:
    """The ``_STAGE_FIELDS`` of one stage (or the reason each is missing)."""
    if stage is None:
        reason = Missing(f"the case has no {name} yet")
        return dict.fromkeys(_STAGE_FIELDS, reason)
    label = f"Stage {stage.number}"
    findings = [getattr(point, f"get_stage{stage.number}_finding_display")() for point in points]
    return {
        "number": str(stage.number),
        "started_on": long_date(stage.started_on),
        "acknowledge_due_on": _date(stage.acknowledge_due_on, f"{label} has no acknowledgement due date"),
        "acknowledged_on": _date(stage.acknowledged_on, f"{label} has not been acknowledged"),
        "due_on": long_date(stage.due_on),
        "due_explanation": stage.due_date_explained()
        or Missing(f"{label}'s due date has no explanation"),
        "responded_on": _date(stage.responded_on, f"{label} has not been answered"),
        "findings": (
            "\n".join(f"{p.number}. {p.summary}: {f.lower()}" for p, f in zip(points, findings))
            if points and all(findings)
            else Missing(f"{label} findings are not recorded for every point")
        ),
        "next_step": NEXT_STEP.get((case.procedure, stage.number))
        or Missing(f"the {case.get_procedure_display().lower()} procedure has no {label}"),
    }


def _extension_values(stage: Stage | None) -> dict:
    if stage is None or not stage.extension_reason:
        reason = Missing(f"Stage {stage.number} has not been extended" if stage else "the case has no stage")
        return {"reason": reason, "new_due": reason, "told_on": reason}
    return {
        "reason": stage.extension_reason,
        "new_due": long_date(stage.due_on),
        "told_on": _date(stage.extension_told_on, "the date the complainant was told is not recorded"),
    }


def values(case: Case, *, today: date, ombudsman_text: str | Missing,
           signatory=None) -> dict[str, str | Missing]:
    """Every field in ``FIELDS`` for ``case``. No query beyond the case's
    complainant, officer, children, points and stages (all prefetched by
    complaints.casework.lookup.case_for), and one for ``signatory``'s signature."""
    stages = {stage.number: stage for stage in case.stages.all()}
    points = list(case.points.all())
    children = [child.name for child in case.children.all()]
    complainant = getattr(case, "complainant", None)
    nobody = Missing("no complainant is recorded")
    fields = {
        "council.name": settings.COUNCIL_NAME,
        "today": long_date(today),
        "case.reference": case.reference,
        "case.procedure": PROCEDURE_WORDS.get(case.procedure)
        or Missing("the case has no complaints procedure"),
        "received_on": long_date(case.received_on),
        "complainant.name": complainant.name if complainant else nobody,
        "complainant.address": _lines(complainant.address) if complainant else nobody,
        "children.names": _and(children) or Missing("no children are recorded"),
        "officer.name": (case.officer.get_full_name() or case.officer.get_username())
        if case.officer
        else Missing("no officer is allocated"),
        "points": "\n".join(f"{p.number}. {p.summary}" for p in points)
        or Missing("no points of complaint are recorded"),
        OMBUDSMAN_TEXT: ombudsman_text,
        "signatory": signature(signatory),
    }
    current = stages.get(case.current_stage)
    groups = {"stage": _stage_values(case, current, points, "stage")}
    for number in (1, 2, 3):
        groups[f"stage{number}"] = _stage_values(case, stages.get(number), points, f"Stage {number}")
    groups["extension"] = _extension_values(current)
    for prefix, group in groups.items():
        fields.update({f"{prefix}.{name}": value for name, value in group.items()})
    return {name: fields[name] for name in FIELDS}


def _and(names: list[str]) -> str:
    """"Alex", "Alex and Sam", "Alex, Sam and Jo"."""
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]])) if names else ""


def _lines(text: str) -> str:
    """An address as typed (any line endings, blank lines, stray spaces) as one
    line per line: each "\\n" becomes one line break in the letter, never two."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def signature(user) -> str:
    """The signature block of the person making a letter: their name, then the job
    title, telephone and email they keep (complaints.letters.models.Signature),
    each line left out when blank. One query. With nobody named (a letter's
    availability, asked before anyone makes it), the team signs."""
    if user is None:
        return "Complaints and Information Team"
    kept = Signature.objects.filter(user=user).first() or Signature()
    email = kept.email or user.email
    lines = [user.get_full_name() or user.get_username(), kept.job_title,
             f"Telephone: {kept.phone}" if kept.phone else "", f"Email: {email}" if email else ""]
    return "\n".join(line for line in lines if line)
