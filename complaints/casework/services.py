"""Case rules that change things: each is one function, called by a view,
a command or an import, that records what it did on the timeline."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints import workdays
from complaints.workdays.explain import format_day  # noqa: F401 (re-exported)
from complaints.casework.models import (
    Case,
    Child,
    Complainant,
    HolidayOverride,
    Point,
    Stage,
    TimelineEntry,
    age_on,
)
from complaints.casework.references import take_reference
from complaints.casework.signals import calendar_changed


class ProcedureError(ValueError):
    """A step the procedure does not allow, with a message for the officer."""


class StaleCase(ProcedureError):
    """Someone else saved the case after this form was opened."""


def calendar(procedure: str) -> workdays.Calendar:
    """The working-day calendar for a procedure, with the administrators'
    overrides applied. One query."""
    added, removed, closures = {}, [], {}
    for override in HolidayOverride.objects.all():
        match override.kind:
            case HolidayOverride.Kind.ADDED:
                added[override.day] = override.name
            case HolidayOverride.Kind.REMOVED:
                removed.append(override.day)
            case HolidayOverride.Kind.CLOSURE:
                closures[override.day] = override.name
    return workdays.calendar_for(procedure, added=added, removed=removed, closures=closures)


def note(case: Case, text: str, *, by=None) -> TimelineEntry:
    return TimelineEntry.objects.create(case=case, text=text, by=by)


# -- Recording a new case -------------------------------------------------------------


@dataclass
class NewCase:
    """Everything needed to record a complaint or enquiry received by staff."""

    kind: str
    received_on: date
    channel: object
    summary: str
    complainant: dict
    procedure: str = ""
    procedure_reason: str = ""
    team: object = None
    officer: object = None
    desired_outcome: str = ""
    children: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)


REFERENCE_PREFIX = {Case.Kind.COMPLAINT: "COM", Case.Kind.ENQUIRY: "ENQ"}


def record_case(new: NewCase, *, by) -> Case:
    """Create the case, its people, its points and (for a complaint) Stage 1
    with stored due dates, in one transaction: all of it or none."""
    with transaction.atomic():
        return _record_case(new, by=by)


def _record_case(new: NewCase, *, by) -> Case:
    case = Case.objects.create(
        reference=take_reference(Case, REFERENCE_PREFIX[new.kind], new.received_on.year),
        kind=new.kind,
        procedure=new.procedure if new.kind == Case.Kind.COMPLAINT else "",
        procedure_reason=new.procedure_reason,
        received_on=new.received_on,
        channel=new.channel,
        team=new.team,
        officer=new.officer,
        summary=new.summary,
        desired_outcome=new.desired_outcome,
    )
    Complainant.objects.create(case=case, **new.complainant)
    Child.objects.bulk_create(
        Child(case=case, **child, age_at_receipt=age_on(child.get("date_of_birth"), case.received_on))
        for child in new.children
    )
    Point.objects.bulk_create(
        Point(case=case, number=number, **point) for number, point in enumerate(new.points, 1)
    )
    kind = case.get_kind_display().lower()
    note(case, f"{kind.capitalize()} recorded, received {format_day(case.received_on)} by "
               f"{case.channel.name.lower()}.", by=by)
    if case.kind == Case.Kind.COMPLAINT:
        open_stage_one(case, by=by)
    return case


# -- Due dates ------------------------------------------------------------------------


# (procedure, stage) -> (acknowledgement step or None, response step, response counted from the acknowledgement)
STAGE_STEPS = {
    ("statutory", 1): ("acknowledge", "stage1_response", False),
    ("statutory", 2): (None, "stage2_response", False),
    ("corporate", 1): ("acknowledge", "stage1_response", True),
    ("corporate", 2): ("stage2_acknowledge", "stage2_response", True),
}


def _response_due(case: Case, stage: Stage, cal: workdays.Calendar, *, response_days=None):
    """(acknowledgement due or None, response due) for Stage 1 or 2 under the
    case's procedure, before any pause.

    ``response_days``: the response's timescale with its extension, if any.
    """
    ack_key, response_key, from_ack = STAGE_STEPS[(case.procedure, stage.number)]
    ack = None
    if ack_key:
        ack_days = settings.STATUTORY_ACKNOWLEDGE_DAYS if ack_key == "acknowledge" and \
            case.procedure == "statutory" else None
        ack = workdays.due(cal, workdays.timescale(case.procedure, ack_key), stage.started_on, days=ack_days)
    # The Code counts the response from the acknowledgement; until it is sent,
    # from the day it is due.
    start = (stage.acknowledged_on or ack.due) if from_ack else stage.started_on
    step = workdays.timescale(case.procedure, response_key)
    return ack, workdays.due(cal, step, start, days=response_days)


def unextended_response_due(stage: Stage, cal: workdays.Calendar) -> workdays.DueDate:
    """Stage 1's or 2's response due date by the procedure's own timescale: before any
    extension or pause (what an extension is counted on from)."""
    return _response_due(stage.case, stage, cal)[1]


def with_pause(due: workdays.DueDate, paused_days: int, cal: workdays.Calendar) -> workdays.DueDate:
    """``due`` moved on by the working days its clock was paused (a deferral)."""
    if not paused_days:
        return due
    return cal.explain(
        due.start, due.days + paused_days,
        rule=f"{due.rule}, plus {paused_days} working days paused while consideration was deferred",
        start_label=due.start_label,
    )


def _panel_due_dates(stage: Stage, cal: workdays.Calendar) -> dict[str, workdays.DueDate]:
    """Stage 3: the panel meets within 30 WD of the request, reports within 5 WD
    of meeting, and the council responds within 15 WD of the report. ``due_on``
    holds whichever of these is next."""
    def step(key, start):
        return workdays.due(cal, workdays.timescale("statutory", key), start)

    dates = {"panel_due_on": with_pause(step("panel", stage.started_on), 0 if stage.panel_on else
                                     stage.paused_days, cal)}
    dates["due_on"] = dates["panel_due_on"]
    if stage.panel_on:
        dates["report_due_on"] = dates["due_on"] = with_pause(
            step("panel_report", stage.panel_on), 0 if stage.report_on else stage.paused_days, cal)
    if stage.report_on:
        dates["due_on"] = with_pause(step("panel_response", stage.report_on), stage.paused_days, cal)
    return dates


def stage_due_dates(stage: Stage, cal: workdays.Calendar) -> dict[str, workdays.DueDate]:
    """Every due date of a stage, worked out afresh from its facts and the calendar,
    keyed by the Stage field that stores it: from its columns alone, the extension's
    working days and the days paused by a deferral included."""
    if stage.number == 3:
        return _panel_due_dates(stage, cal)
    response_days = None
    if stage.extension_days:
        _, response_key, _ = STAGE_STEPS[(stage.case.procedure, stage.number)]
        response_days = workdays.timescale(stage.case.procedure, response_key).days + stage.extension_days
    ack, response = _response_due(stage.case, stage, cal, response_days=response_days)
    dates = {"due_on": with_pause(response, stage.paused_days, cal)}
    if ack is not None:
        dates["acknowledge_due_on"] = ack
    return dates


def open_stage(case: Case, number: int, started_on: date, *, by=None, **facts) -> Stage:
    """Start a stage with its stored due dates; the case is at that stage and open."""
    stage = Stage(case=case, number=number, started_on=started_on, **facts)
    stage.case = case
    dates = stage_due_dates(stage, calendar(case.procedure))
    store_due_dates(stage, dates)
    stage.save()
    case.current_stage = number
    case.status, case.closed_on, case.outcome = Case.Status.OPEN, None, ""
    case.save(update_fields=["current_stage", "status", "closed_on", "outcome", "updated_at"])
    order = ["acknowledge_due_on", "panel_due_on", "due_on"]
    due = "; ".join(f"{stage_date_label(stage, field).removeprefix(f'Stage {number} ')} due "
                    f"{format_day(dates[field].due)}" for field in order
                    if field in dates and not (number == 3 and field == "due_on"))
    note(case, f"Stage {number} opened. {due[0].upper()}{due[1:]}.", by=by)
    return stage


def open_stage_one(case: Case, *, by=None) -> Stage:
    return open_stage(case, 1, case.received_on, by=by)


EXPLANATION_FIELD = {
    "due_on": "due_explanation",
    "acknowledge_due_on": "acknowledge_due_explanation",
    "panel_due_on": "panel_due_explanation",
    "report_due_on": "report_due_explanation",
}


def stage_date_label(stage: Stage, field: str) -> str:
    """What a stored due date is for, as words: "Stage 2 adjudication"."""
    if field == "due_on":
        what = stage.response_label.lower() if stage.number == 3 and stage.report_on else (
            "panel report" if stage.number == 3 and stage.panel_on else
            "panel meeting" if stage.number == 3 else stage.response_label.lower())
    else:
        what = {"acknowledge_due_on": "acknowledgement", "panel_due_on": "panel meeting",
                "report_due_on": "panel report"}[field]
    return f"Stage {stage.number} {what}"


def store_due_dates(stage: Stage, dates: dict[str, workdays.DueDate]) -> None:
    for date_field, due in dates.items():
        setattr(stage, date_field, due.due)
        setattr(stage, EXPLANATION_FIELD[date_field], due.as_dict())


def recompute_open_due_dates(reason: str, *, by=None) -> int:
    """Work out again the stored due dates of every unanswered stage (and
    members' enquiry) after the calendar changed, and say on each moved case's
    timeline why.

    Returns how many stages moved. One query for the stages, one per
    procedure for its calendar, and a few for each stage that moved.
    """
    moved = 0
    calendars = {}
    stages = Stage.objects.filter(
        responded_on=None, closed_on=None, case__status=Case.Status.OPEN
    ).select_related("case")
    for stage in stages.iterator():
        procedure = stage.case.procedure
        if procedure not in calendars:
            calendars[procedure] = calendar(procedure)
        dates = stage_due_dates(stage, calendars[procedure])
        if stage.acknowledged_on:
            dates.pop("acknowledge_due_on", None)
        changes = [
            f"{stage_date_label(stage, field)} due date moved from "
            f"{format_day(getattr(stage, field))} to {format_day(due.due)}: {reason}."
            for field, due in dates.items()
            if getattr(stage, field) != due.due
        ]
        store_due_dates(stage, dates)
        if changes:
            stage.save()
            for text in changes:
                note(stage.case, text, by=by)
            moved += 1
    calendar_changed.send(sender=HolidayOverride, reason=reason, by=by)
    return moved


def _override_reason(override: HolidayOverride, *, deleted: bool) -> str:
    day = f"{override.day.day} {override.day:%B %Y}"
    if deleted:
        return f"the calendar correction for {day} ({override.name}) was removed"
    match override.kind:
        case HolidayOverride.Kind.ADDED:
            return f"{day} was added as a bank holiday ({override.name})"
        case HolidayOverride.Kind.REMOVED:
            return f"{day} is no longer a bank holiday ({override.name})"
    return f"{day} was added as a local closure day ({override.name})"


@transaction.atomic
def save_holiday_override(override: HolidayOverride, *, by=None) -> int:
    """Save an administrator's calendar correction and move open due dates."""
    override.save()
    return recompute_open_due_dates(_override_reason(override, deleted=False), by=by)


@transaction.atomic
def delete_holiday_override(override: HolidayOverride, *, by=None) -> int:
    reason = _override_reason(override, deleted=True)
    override.delete()
    return recompute_open_due_dates(reason, by=by)


def outcome_from_findings(findings) -> str:
    """A complaint's outcome follows from its points' findings: all upheld is
    upheld, none upheld or partially upheld is not upheld, anything else is
    partially upheld."""
    findings = list(findings)
    if not findings:
        raise ValueError("A complaint needs at least one point with a finding to have an outcome")
    if all(f == Point.Finding.UPHELD for f in findings):
        return Case.Outcome.UPHELD
    if all(f == Point.Finding.NOT_UPHELD for f in findings):
        return Case.Outcome.NOT_UPHELD
    return Case.Outcome.PARTIALLY_UPHELD


def working_days_taken(stage: Stage, ended_on: date, cal: workdays.Calendar) -> int:
    """Working days from the day the stage's timescale counts from to
    ``ended_on``, not counting days paused by a deferral."""
    # Stage 3's due_on moves on to each milestone; its count starts at the request.
    explanation = stage.panel_due_explanation if stage.number == 3 else stage.due_explanation
    counted_from = date.fromisoformat(explanation["counted_from"])
    return max(cal.working_days_between(counted_from, ended_on) - stage.paused_days, 0)


def today() -> date:
    return timezone.localdate()
