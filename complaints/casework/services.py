"""Case rules that change things: each is one function, called by a view,
a command or an import, that records what it did on the timeline."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from complaints import workdays
from complaints.casework.models import (
    Case,
    Child,
    Complainant,
    HolidayOverride,
    Point,
    Stage,
    TimelineEntry,
)


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


def format_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


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


def next_reference(kind: str, year: int) -> str:
    prefix = f"{REFERENCE_PREFIX[kind]}-{year}-"
    last = (
        Case.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def record_case(new: NewCase, *, by) -> Case:
    """Create the case, its people, its points and (for a complaint) Stage 1
    with stored due dates, in one transaction: all of it or none."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                return _record_case(new, by=by)
        except IntegrityError:
            # Two cases took the same next reference at once; take the next one.
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _record_case(new: NewCase, *, by) -> Case:
    case = Case.objects.create(
        reference=next_reference(new.kind, new.received_on.year),
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
    Child.objects.bulk_create(Child(case=case, **child) for child in new.children)
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


def _stage_one_due(case: Case, stage: Stage, cal: workdays.Calendar, *, response_days=None):
    """(acknowledgement due, response due) for Stage 1 under the case's procedure.

    ``response_days`` keeps an extension when the dates are worked out again.
    """
    procedure = case.procedure
    ack_days = settings.STATUTORY_ACKNOWLEDGE_DAYS if procedure == "statutory" else None
    ack = workdays.due(
        cal, workdays.timescale(procedure, "acknowledge"), stage.started_on, days=ack_days
    )
    response_step = workdays.timescale(procedure, "stage1_response")
    if procedure == "corporate":
        # The Code counts Stage 1 from the acknowledgement; until it is sent,
        # from the day it is due.
        start = stage.acknowledged_on or ack.due
    else:
        start = stage.started_on
    return ack, workdays.due(cal, response_step, start, days=response_days)


def stage_due_dates(stage: Stage, cal: workdays.Calendar) -> dict[str, workdays.DueDate]:
    """Every due date of a stage, worked out afresh from its facts and the calendar,
    keyed by the Stage field that stores it."""
    if stage.number == 1:
        response_days = stage.due_explanation.get("days") if stage.due_explanation else None
        ack, response = _stage_one_due(stage.case, stage, cal, response_days=response_days)
        return {"acknowledge_due_on": ack, "due_on": response}
    return {"due_on": workdays.DueDate.from_dict(stage.due_explanation).recomputed(cal)}


def open_stage_one(case: Case, *, by=None) -> Stage:
    stage = Stage(case=case, number=1, started_on=case.received_on)
    dates = stage_due_dates(stage, calendar(case.procedure))
    _store(stage, dates)
    stage.save()
    ack, response = dates["acknowledge_due_on"], dates["due_on"]
    case.current_stage = 1
    case.save(update_fields=["current_stage", "updated_at"])
    note(case, f"Stage 1 opened. Acknowledgement due {format_day(ack.due)}; "
               f"response due {format_day(response.due)}.", by=by)
    return stage


EXPLANATION_FIELD = {"due_on": "due_explanation", "acknowledge_due_on": "acknowledge_due_explanation"}
LABEL = {"due_on": "response", "acknowledge_due_on": "acknowledgement"}


def _store(stage: Stage, dates: dict[str, workdays.DueDate]) -> None:
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
    stages = Stage.objects.filter(responded_on=None, case__status=Case.Status.OPEN).select_related("case")
    for stage in stages.iterator():
        procedure = stage.case.procedure
        if procedure not in calendars:
            calendars[procedure] = calendar(procedure)
        dates = stage_due_dates(stage, calendars[procedure])
        if stage.acknowledged_on:
            dates.pop("acknowledge_due_on", None)
        changes = [
            f"Stage {stage.number} {LABEL[field]} due date moved from "
            f"{format_day(getattr(stage, field))} to {format_day(due.due)}: {reason}."
            for field, due in dates.items()
            if getattr(stage, field) != due.due
        ]
        _store(stage, dates)
        if changes:
            stage.save()
            for text in changes:
                note(stage.case, text, by=by)
            moved += 1
    # Imported here: the records app builds on casework, not the other way round.
    from complaints.records.services import recompute_open_members_enquiry_due_dates

    recompute_open_members_enquiry_due_dates()
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


def today() -> date:
    return timezone.localdate()


# -- Stage 1 decisions ----------------------------------------------------------------


class ProcedureError(ValueError):
    """A step the procedure does not allow, with a message for the officer."""


class StaleCase(ProcedureError):
    """Someone else saved the case after this form was opened."""


def _claim(case: Case, version: int | None) -> None:
    """Raise the case's version, refusing if it is no longer ``version``.

    Two officers editing one case: the second save is refused rather than
    silently overwriting the first. One query.
    """
    filters = {"pk": case.pk} if version is None else {"pk": case.pk, "version": version}
    if not Case.objects.filter(**filters).update(version=F("version") + 1):
        raise StaleCase(
            "Someone else changed this case while you were working on it. "
            "Your changes have not been saved: check the case and try again."
        )
    case.version = (version or case.version) + 1


def _open_stage(case: Case, number: int) -> Stage:
    stage = case.stages.filter(number=number).first()
    if stage is None:
        raise ProcedureError(f"{case.reference} has no Stage {number}")
    if stage.responded_on is not None:
        raise ProcedureError(f"Stage {number} was answered on {format_day(stage.responded_on)}")
    return stage


def _check_day(day: date, *, not_before: date, before_label: str, what: str) -> None:
    if day < not_before:
        raise ProcedureError(f"{what} must be on or after {before_label} ({format_day(not_before)})")
    if day > today():
        raise ProcedureError(f"{what} must be today or in the past")


@transaction.atomic
def acknowledge(case: Case, *, on: date, method: str, by, version: int | None = None) -> Stage:
    """Record that Stage 1 was acknowledged. Under the corporate procedure the
    response is then due 10 working days from this date."""
    stage = _open_stage(case, 1)
    if stage.acknowledged_on:
        raise ProcedureError(f"Stage 1 was already acknowledged on {format_day(stage.acknowledged_on)}")
    _check_day(on, not_before=stage.started_on, before_label="the date received", what="Date acknowledged")
    _claim(case, version)
    stage.acknowledged_on, stage.acknowledged_by = on, method
    dates = stage_due_dates(stage, calendar(case.procedure))
    dates.pop("acknowledge_due_on")
    _store(stage, dates)
    stage.save()
    note(case, f"Acknowledged by {stage.get_acknowledged_by_display().lower()} on {format_day(on)}. "
               f"Stage 1 response due {format_day(stage.due_on)}.", by=by)
    return stage


@transaction.atomic
def allocate(case: Case, *, officer, team, by, version: int | None = None) -> Case:
    _claim(case, version)
    case.officer, case.team = officer, team
    case.save(update_fields=["officer", "team", "updated_at"])
    note(case, f"Allocated to {officer or 'nobody'} in {team or 'no team'}.", by=by)
    return case


@transaction.atomic
def extend_stage_one(case: Case, *, new_due: date, reason: str, told_on: date, by,
                     version: int | None = None) -> Stage:
    """Extend Stage 1 to ``new_due``: never past the procedure's maximum
    (20 working days), with a reason and the date the complainant was told."""
    stage = _open_stage(case, 1)
    if not reason.strip():
        raise ProcedureError("Enter the reason for the extension")
    cal = calendar(case.procedure)
    current = workdays.DueDate.from_dict(stage.due_explanation)
    if new_due <= stage.due_on:
        raise ProcedureError(f"The new date must be after the current due date, {format_day(stage.due_on)}")
    if not cal.is_working_day(new_due):
        raise ProcedureError(f"{format_day(new_due)} is not a working day")
    days = cal.working_days_between(current.counted_from, new_due)
    try:
        extended = workdays.due(cal, workdays.timescale(case.procedure, "stage1_response"),
                                current.start, days=days)
    except ValueError as error:
        raise ProcedureError(str(error)) from None
    _check_day(told_on, not_before=stage.started_on, before_label="the date received",
               what="Date the complainant was told")
    _claim(case, version)
    _store(stage, {"due_on": extended})
    stage.extension_reason, stage.extension_told_on = reason.strip(), told_on
    stage.save()
    note(case, f"Stage 1 extended to {format_day(new_due)}: {reason.strip()} "
               f"Complainant told {format_day(told_on)}.", by=by)
    return stage


@transaction.atomic
def respond_stage_one(case: Case, *, on: date, findings: dict[int, str], by,
                      version: int | None = None) -> Case:
    """Record the Stage 1 response with a finding for every point; the
    complaint's outcome follows from the findings."""
    stage = _open_stage(case, 1)
    _check_day(on, not_before=stage.started_on, before_label="the date received", what="Date of the response")
    points = list(case.points.all())
    missing = [p.number for p in points if findings.get(p.pk) not in Point.Finding.values]
    if not points or missing:
        raise ProcedureError(
            "Select a finding for every point of complaint"
            + (f" (point {', '.join(map(str, missing))})" if missing else "")
        )
    _claim(case, version)
    for point in points:
        point.stage1_finding = findings[point.pk]
    Point.objects.bulk_update(points, ["stage1_finding"])
    stage.responded_on = on
    stage.save(update_fields=["responded_on"])
    case.outcome = outcome_from_findings(p.stage1_finding for p in points)
    case.status, case.closed_on = Case.Status.CLOSED, on
    case.save(update_fields=["outcome", "status", "closed_on", "updated_at"])
    within = "within" if on <= stage.due_on else "after"
    note(case, f"Stage 1 response sent {format_day(on)}, {within} the due date "
               f"{format_day(stage.due_on)}. Outcome: {case.get_outcome_display().lower()}.", by=by)
    return case


@transaction.atomic
def withdraw(case: Case, *, on: date, reason: str, by, version: int | None = None) -> Case:
    if not case.is_open:
        raise ProcedureError(f"{case.reference} is already closed")
    if not reason.strip():
        raise ProcedureError("Enter why the complaint was withdrawn")
    _check_day(on, not_before=case.received_on, before_label="the date received", what="Date withdrawn")
    _claim(case, version)
    case.outcome, case.status, case.closed_on = Case.Outcome.WITHDRAWN, Case.Status.CLOSED, on
    case.withdrawal_reason = reason.strip()
    case.save(update_fields=["outcome", "status", "closed_on", "withdrawal_reason", "updated_at"])
    note(case, f"Withdrawn on {format_day(on)}: {reason.strip()}", by=by)
    return case
