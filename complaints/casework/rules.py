"""The procedure's rules on who and what it covers, in the Regulations' words.

Each rule is a pure function of facts (no database, no request) that returns
findings: the fact it is about and a message an officer can act on. Callers
decide what to do with them:

- the procedure (``procedure.route``) raises the first finding, so nothing is
  saved;
- the import reports every finding with its sheet, row and column
  (``transfer.mappers.CaseMapper``);

so a complaint the procedure refuses is refused by the import too, in the same
words. ``tests/casework/test_rules.py`` feeds the same facts to both.

A decision being made now (``deciding=True``: an officer routing a complaint)
must rest on every fact it needs; a decision already made and being recorded
from another system (``deciding=False``: the import) may leave a fact it did
not record blank, but no recorded fact may contradict the procedure.
"""

from dataclasses import dataclass
from typing import NamedTuple
from datetime import date

from complaints import workdays
from complaints.workdays.explain import format_day

STATUTORY = "statutory"

# Who is complaining (Case.Eligibility's stored values: the Regulations' complainants).
CHILD = "child"
SUFFICIENT_INTEREST = "sufficient_interest"
NOT_ELIGIBLE = "not_eligible"


class Finding(NamedTuple):
    """A rule the facts break: ``field`` names the fact as the Case model does. A pair,
    so the import's checks can yield it beside their own (field, message) pairs."""

    field: str
    message: str


@dataclass(frozen=True)
class RoutingFacts:
    """What the decision about which procedure applies rests on."""

    procedure: str
    received_on: date
    eligibility: str = ""
    sufficient_interest_on: date | None = None
    child_agrees: str = ""
    qualifying_function: bool | None = None
    aware_on: date | None = None
    time_limit_discretion: str = ""


def one_year_after(day: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def who_may_use_the_statutory_procedure(facts: RoutingFacts, *, deciding: bool) -> list[Finding]:
    """Section 26(3A) and (3B) of the Children Act 1989: the child, a parent, a person with
    parental responsibility, a foster carer, special guardians, adoption parties, care
    leavers, or someone the council decides has sufficient interest (a recorded decision,
    with its date). When an adult complains for a child, whether the child agrees."""
    if facts.procedure != STATUTORY:
        return []
    if not facts.eligibility:
        return [Finding("eligibility", "Select who is complaining")] if deciding else []
    if facts.eligibility == NOT_ELIGIBLE:
        return [Finding("eligibility", "The statutory procedure is only for the complainants the "
                                       "regulations list: choose the corporate procedure, or record a "
                                       "sufficient interest decision")]
    findings = []
    if facts.eligibility == SUFFICIENT_INTEREST and facts.sufficient_interest_on is None:
        findings.append(Finding("sufficient_interest_on",
                                "Enter the date the council decided they have sufficient interest"))
    if deciding and facts.eligibility != CHILD and not facts.child_agrees:
        findings.append(Finding("child_agrees",
                                "Select whether the child agrees to the complaint being made for them"))
    return findings


def about_a_qualifying_function(facts: RoutingFacts, *, deciding: bool) -> list[Finding]:
    """Section 26(3) and regulation 3: the statutory procedure covers only the qualifying
    functions (Part 3 of the Act, some of Parts 4 and 5, adoption, special guardianship
    support). A decision being made must establish it; a recorded one must not deny it."""
    if facts.procedure != STATUTORY:
        return []
    if facts.qualifying_function is False or (deciding and facts.qualifying_function is None):
        return [Finding("qualifying_function", "The statutory procedure covers only the qualifying "
                                               "functions: choose the corporate procedure")]
    return []


def made_within_the_time_limit(facts: RoutingFacts) -> list[Finding]:
    """Regulation 9: a complaint is made within a year of the complainant becoming aware
    of the matter, but the limit is not applied rigidly: a later one is considered with
    the reason recorded (under either procedure)."""
    if facts.aware_on is None:
        return []
    if facts.aware_on > facts.received_on:
        return [Finding("aware_on", "The date they became aware must be on or before the date received")]
    if facts.received_on > one_year_after(facts.aware_on) and not facts.time_limit_discretion.strip():
        return [Finding("time_limit_discretion",
                        f"The complaint was made more than a year after {format_day(facts.aware_on)}: "
                        "record why it is being considered (the time limit must not be applied rigidly)")]
    return []


def which_procedure_applies(facts: RoutingFacts, *, deciding: bool) -> list[Finding]:
    """Every finding against the procedure chosen for a complaint, in the order an officer
    answers the questions."""
    return [
        *who_may_use_the_statutory_procedure(facts, deciding=deciding),
        *about_a_qualifying_function(facts, deciding=deciding),
        *made_within_the_time_limit(facts),
    ]


# -- Stages 2 and 3 -------------------------------------------------------------------


def the_procedure_has_the_stage(procedure: str, number: int) -> list[Finding]:
    """Both procedures have Stages 1 and 2; only the statutory one has Stage 3, the
    review panel."""
    if number == 3 and procedure != STATUTORY:
        return [Finding("number", "Only the statutory procedure has a Stage 3 review panel")]
    return []


def the_stage_may_be_extended(number: int) -> list[Finding]:
    """Stage 1's and Stage 2's response may be extended, up to each timescale's maximum
    (workdays.timescales); the review panel's timescales may not."""
    if number == 3:
        return [Finding("extension_days", "The Stage 3 timescales cannot be extended")]
    return []


def may_be_asked_for_now(*, procedure: str, number: int, previous_answered_on: date | None) -> bool:
    """Whether a request for Stage ``number`` can be recorded at all: the case page offers
    the step only then (asked_for_in_time checks the request's date)."""
    return previous_answered_on is not None and not the_procedure_has_the_stage(procedure, number)


def _on_or_after(what: str, label: str, day: date) -> str:
    return f"{what} must be on or after {label} ({format_day(day)})"


def asked_for_in_time(*, procedure: str, number: int, previous_answered_on: date | None,
                      asked_on: date, late_decision: str, calendar) -> list[Finding]:
    """Stage 2 is asked for after the Stage 1 response, and Stage 3 after the Stage 2
    adjudication: under the statutory procedure within 20 working days of it
    (workdays.timescales), a later request being considered with the reason recorded.
    ``calendar`` is the procedure's working-day calendar."""
    previous = "Stage 1 response" if number == 2 else "Stage 2 adjudication"
    if previous_answered_on is None:
        return [Finding("number", f"Stage {number} can be requested only after the {previous}")]
    if asked_on < previous_answered_on:
        return [Finding("started_on", _on_or_after(f"Date of the Stage {number} request",
                                                   f"the Stage {number - 1} response", previous_answered_on))]
    if procedure != STATUTORY:
        return []
    window = workdays.due(calendar, workdays.timescale(procedure, f"stage{number}_request"),
                          previous_answered_on)
    if asked_on > window.due and not late_decision.strip():
        return [Finding("late_request_decision",
                        f"The request came after the deadline to ask for Stage {number} "
                        f"({format_day(window.due)}): record why it is being accepted")]
    return []


def independent_person_findings(person, *, role: str) -> list[Finding]:
    """Regulation 2: an independent person (at Stage 2, and each member of a review
    panel) is neither a member nor an officer of the council, nor the spouse or civil
    partner of one.
    ``person`` is an Appointee (or None); ``role`` is "the independent person" or "the
    panel"."""
    if person is None or not (why := person.not_independent_because()):
        return []
    field = "independent_person_id" if role == "the independent person" else "panel_others"
    what = "be the independent person" if role == "the independent person" else "sit on the panel"
    return [Finding(field, f"{person} cannot {what}: they are {why}")]


def stage_two_investigation(*, procedure: str, investigating_officer: str, investigator_kind: str,
                            independent_person, adjudicated: bool, appointing: bool) -> list[Finding]:
    """Stage 2 is investigated by an investigating officer and, under the statutory
    procedure, an independent person who takes part in every part of it; so
    the adjudication follows their appointment. ``appointing``: the appointment being
    made now (it must name the independent person); ``adjudicated``: the adjudication
    recorded or being recorded."""
    statutory = procedure == STATUTORY
    findings = []
    if investigating_officer and not investigator_kind:
        findings.append(Finding("investigator_kind",
                                "Select whether the investigating officer is internal or external"))
    if appointing and statutory and independent_person is None:
        findings.append(Finding("independent_person_id",
                                "Select the independent person: the statutory procedure needs one at Stage 2"))
    if adjudicated and not investigating_officer:
        findings.append(Finding("investigating_officer",
                                "Appoint the investigating officer before recording the adjudication"))
    if adjudicated and statutory and independent_person is None:
        findings.append(Finding("independent_person_id",
                                "Appoint the independent person before recording the adjudication"))
    return findings + independent_person_findings(independent_person, role="the independent person")


def review_panel(*, members: list, chair, stage_two_independent_person_id) -> list[Finding]:
    """Regulation 19: a review panel of three independent people, one of them its chair;
    the Stage 2 independent person does not sit on it."""
    members = list(dict.fromkeys(person for person in members if person is not None))
    if chair is None:
        return [Finding("panel_chair", "Select the panel's chair")]
    if len(members) != 3:
        return [Finding("panel_others", "Select three panel members")]
    if chair not in members:
        return [Finding("panel_chair", "The chair must be one of the three panel members")]
    findings = []
    for person in members:
        if stage_two_independent_person_id is not None and person.pk == stage_two_independent_person_id:
            findings.append(Finding("panel_others", f"{person} was the Stage 2 independent person and "
                                                    "cannot sit on the panel"))
        else:
            findings.extend(independent_person_findings(person, role="the panel"))
    return findings


def panel_in_order(*, members: int, panel_on: date | None, report_on: date | None,
                   responded_on: date | None) -> list[Finding]:
    """Stage 3: the panel meets (its three members chosen), then reports, then the
    council responds to the report."""
    findings = []
    if panel_on and members != 3:
        findings.append(Finding("panel_on", "Record the three panel members before the meeting"))
    if report_on and not panel_on:
        findings.append(Finding("report_on", "Record the panel meeting before its report"))
    elif report_on and report_on < panel_on:
        findings.append(Finding("report_on", _on_or_after("Date of the report", "the panel meeting", panel_on)))
    if responded_on and not report_on:
        findings.append(Finding("responded_on", "Record the panel's report before the council's response"))
    elif responded_on and responded_on < report_on:
        findings.append(Finding("responded_on", _on_or_after("Date of the response", "the panel's report",
                                                             report_on)))
    return findings
