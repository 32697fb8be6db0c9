"""The steps of the complaints procedure: each one function that checks the
step is allowed, changes the case, and says on its timeline who did what.

Every function refuses a step out of order, a date before the event it
follows or in the future, and an extension past the maximum, by raising
ProcedureError with a message for the officer; nothing is saved then. Each
raises the case's version (``_claim``) so that a second officer's stale form
is refused rather than silently overwriting the first one's change.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from complaints import workdays
from complaints.casework import rules
from complaints.casework.models import (
    Appointee,
    Case,
    Deferral,
    Learning,
    PanelMember,
    Point,
    Remedy,
    Stage,
)
from complaints.casework.services import (  # noqa: F401 (ProcedureError, StaleCase re-exported)
    ProcedureError,
    StaleCase,
    calendar,
    format_day,
    note,
    open_stage,
    outcome_from_findings,
    stage_date_label,
    stage_due_dates,
    store_due_dates,
    with_pause,
    working_days_taken,
    today,
    unextended_response_due,
)


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


def _stage(case: Case, number: int) -> Stage | None:
    return case.stages.filter(number=number).first()


def _open_stage(case: Case, number: int | None = None) -> Stage:
    """The case's current (or ``number``) stage, which must still be open."""
    if case.kind != Case.Kind.COMPLAINT:
        raise ProcedureError("An enquiry is not taken through the complaints procedure")
    number = number or case.current_stage
    stage = _stage(case, number)
    if stage is None:
        raise ProcedureError(f"{case.reference} has no Stage {number}")
    if stage.responded_on is not None:
        raise ProcedureError(f"Stage {number} was answered on {format_day(stage.responded_on)}")
    if stage.closed_on is not None or not case.is_open:
        raise ProcedureError(f"{case.reference} is closed")
    return stage


def _not_deferred(case: Case) -> None:
    if case.deferred_since:
        raise ProcedureError(
            f"Consideration has been deferred since {format_day(case.deferred_since)}: "
            "record that it has resumed first"
        )


def _check_day(day: date, *, not_before: date, before_label: str, what: str) -> None:
    if day < not_before:
        raise ProcedureError(f"{what} must be on or after {before_label} ({format_day(not_before)})")
    if day > today():
        raise ProcedureError(f"{what} must be today or in the past")


def _refuse(findings: list[rules.Finding]) -> None:
    """The procedure stops at the first rule the step would break (nothing is saved)."""
    if findings:
        raise ProcedureError(findings[0].message)


def _required(text: str, message: str) -> str:
    if not (text or "").strip():
        raise ProcedureError(message)
    return text.strip()


# -- Receipt and routing ---------------------------------------------------------------


@transaction.atomic
def acknowledge(case: Case, *, on: date, method: str, by, version: int | None = None) -> Stage:
    """Record that the current stage was acknowledged. Under the corporate
    procedure its response is then due 10 (Stage 1) or 20 (Stage 2) working
    days from this date."""
    stage = _open_stage(case)
    if stage.acknowledge_due_on is None:
        raise ProcedureError(f"Stage {stage.number} has no acknowledgement to record")
    if stage.acknowledged_on:
        raise ProcedureError(
            f"Stage {stage.number} was already acknowledged on {format_day(stage.acknowledged_on)}")
    _check_day(on, not_before=stage.started_on, before_label=_started_label(stage), what="Date acknowledged")
    _claim(case, version)
    stage.acknowledged_on, stage.acknowledged_by = on, method
    dates = stage_due_dates(stage, calendar(case.procedure))
    dates.pop("acknowledge_due_on")
    store_due_dates(stage, dates)
    stage.save()
    note(case, f"Stage {stage.number} acknowledged by {stage.get_acknowledged_by_display().lower()} on "
               f"{format_day(on)}. Response due {format_day(stage.due_on)}.", by=by)
    return stage


def _started_label(stage: Stage) -> str:
    return "the date received" if stage.number == 1 else f"the Stage {stage.number} request"


@transaction.atomic
def allocate(case: Case, *, officer, team, by, version: int | None = None) -> Case:
    _claim(case, version)
    case.officer, case.team = officer, team
    case.save(update_fields=["officer", "team", "updated_at"])
    note(case, f"Allocated to {officer or 'nobody'} in {team or 'no team'}.", by=by)
    return case


@transaction.atomic
def route(case: Case, *, procedure: str, on: date, reason: str, eligibility: str = "",
          sufficient_interest_on: date | None = None, child_agrees: str = "",
          qualifying_function: bool | None = None, aware_on: date | None = None,
          time_limit_discretion: str = "", by, version: int | None = None) -> Case:
    """Decide which procedure the complaint follows, and why (regs 4, 8, 9).

    The statutory procedure needs a complainant who may use it (one the council
    decided has sufficient interest, with the date of that decision), a
    qualifying function and, when an adult complains for a child, whether the
    child agrees. A complaint made more than a year after the complainant became
    aware is considered only with the discretion recorded (under either
    procedure). Re-routing during Stage 1 works its due dates out again under
    the new procedure; the decision and its reason stay on the timeline.
    """
    if case.kind != Case.Kind.COMPLAINT:
        raise ProcedureError("Only a complaint is routed to a procedure")
    if not case.is_open:
        raise ProcedureError(f"{case.reference} is closed")
    reason = _required(reason, "Enter the reason for the decision")
    _check_day(on, not_before=case.received_on, before_label="the date received",
               what="Date of the decision")
    facts = rules.RoutingFacts(
        procedure=procedure, received_on=case.received_on, eligibility=eligibility,
        sufficient_interest_on=sufficient_interest_on, child_agrees=child_agrees,
        qualifying_function=qualifying_function, aware_on=aware_on,
        time_limit_discretion=time_limit_discretion)
    _refuse(rules.which_procedure_applies(facts, deciding=True))
    if procedure == Case.Procedure.STATUTORY and eligibility == Case.Eligibility.SUFFICIENT_INTEREST:
        _check_day(sufficient_interest_on, not_before=case.received_on,
                   before_label="the date received", what="Date of the sufficient interest decision")
    stage = case.stages.filter(number=case.current_stage).first()
    rerouted = bool(case.procedure) and procedure != case.procedure
    if rerouted and (stage is None or stage.number != 1):
        raise ProcedureError("A complaint can only be moved to the other procedure during Stage 1")
    _claim(case, version)
    previous = case.procedure
    case.procedure, case.procedure_reason, case.routed_on = procedure, reason, on
    case.eligibility = eligibility
    case.sufficient_interest_on = (
        sufficient_interest_on if eligibility == Case.Eligibility.SUFFICIENT_INTEREST else None)
    case.child_agrees = child_agrees
    case.qualifying_function = qualifying_function
    case.aware_on, case.time_limit_discretion = aware_on, time_limit_discretion.strip()
    case.save()
    label = case.get_procedure_display().split(" (")[0].lower()
    if rerouted:
        stage.case = case
        # The other procedure's timescales: an extension under this one does not carry over.
        stage.extension_days = 0
        dates = stage_due_dates(stage, calendar(procedure))
        if stage.acknowledged_on:
            dates.pop("acknowledge_due_on", None)
        store_due_dates(stage, dates)
        stage.extension_reason, stage.extension_kind, stage.extension_told_on = "", "", None
        stage.save()
        note(case, f"Moved from the {previous} to the {label} procedure on {format_day(on)}: {reason} "
                   f"Stage 1 response now due {format_day(stage.due_on)}.", by=by)
    else:
        note(case, f"Decided on {format_day(on)} that the {label} procedure applies: {reason}", by=by)
    return case


@transaction.atomic
def defer(case: Case, *, on: date, proceedings: str, reason: str, by, version: int | None = None) -> Deferral:
    """Defer consideration while proceedings could be prejudiced (reg 8): the
    clock stops until it resumes."""
    stage = _open_stage(case)
    if case.deferred_since:
        raise ProcedureError(f"Consideration is already deferred since {format_day(case.deferred_since)}")
    reason = _required(reason, "Enter why consideration is deferred")
    _check_day(on, not_before=stage.started_on, before_label=_started_label(stage), what="Date deferred")
    _claim(case, version)
    case.deferred_since = on
    case.save(update_fields=["deferred_since", "updated_at"])
    deferral = Deferral.objects.create(
        case=case, stage_number=stage.number, started_on=on, proceedings=proceedings, reason=reason)
    note(case, f"Consideration deferred from {format_day(on)} while "
               f"{deferral.get_proceedings_display().lower()} could be prejudiced: {reason} "
               "The clock is paused.", by=by)
    return deferral


@transaction.atomic
def resume(case: Case, *, on: date, by, version: int | None = None) -> Stage:
    """Resume consideration: the working days paused are added to the stage's
    due date, and the explanation says so."""
    if not case.deferred_since:
        raise ProcedureError("Consideration is not deferred")
    stage = _open_stage(case)
    _check_day(on, not_before=case.deferred_since, before_label="the date it was deferred",
               what="Date resumed")
    _claim(case, version)
    cal = calendar(case.procedure)
    paused = cal.working_days_between(case.deferred_since, on)
    Deferral.objects.filter(case=case, ended_on=None).update(ended_on=on, paused_days=paused)
    stage.paused_days += paused
    dates = stage_due_dates(stage, cal)
    if stage.acknowledged_on or not stage.acknowledge_due_on:
        dates.pop("acknowledge_due_on", None)
    store_due_dates(stage, dates)
    stage.save()
    since = case.deferred_since
    case.deferred_since = None
    case.save(update_fields=["deferred_since", "updated_at"])
    note(case, f"Consideration resumed on {format_day(on)} after {paused} working days paused "
               f"(deferred {format_day(since)}). {stage_date_label(stage, 'due_on')} now due "
               f"{format_day(stage.due_on)}.", by=by)
    return stage


@transaction.atomic
def record_advocacy(case: Case, *, offered_on: date | None, accepted: bool | None, provided: bool,
                    provider: str, by, version: int | None = None) -> Case:
    """Advocacy offered, accepted and provided (s26A Children Act 1989)."""
    if offered_on is None and (accepted is not None or provided):
        raise ProcedureError("Enter the date an advocate was offered")
    if offered_on is not None:
        _check_day(offered_on, not_before=case.received_on, before_label="the date received",
                   what="Date an advocate was offered")
    if provided and not accepted:
        raise ProcedureError("An advocate can only be provided once the offer is accepted")
    if provided and not provider.strip():
        raise ProcedureError("Enter who provided the advocate")
    _claim(case, version)
    case.advocacy_offered_on, case.advocacy_accepted = offered_on, accepted
    case.advocacy_provided, case.advocacy_provider = provided, provider.strip()
    case.save()
    if offered_on is None:
        text = "No advocate offered."
    else:
        answer = {True: "accepted", False: "declined", None: "no answer yet"}[accepted]
        text = f"Advocate offered {format_day(offered_on)}: {answer}"
        text += f"; provided by {case.advocacy_provider}." if provided else "."
    note(case, text, by=by)
    return case


# -- Responding to a stage -------------------------------------------------------------


@transaction.atomic
def extend(case: Case, *, new_due: date, reason: str, kind: str = "", told_on: date, by,
           version: int | None = None) -> Stage:
    """Extend the current stage's response to ``new_due``: never past the
    procedure's maximum (Stage 1: 20 working days; statutory Stage 2: 65 from
    the request), with the reason and the date the complainant was told."""
    stage = _open_stage(case)
    _refuse(rules.the_stage_may_be_extended(stage.number))
    reason = _required(reason, "Enter the reason for the extension")
    cal = calendar(case.procedure)
    current = unextended_response_due(stage, cal)
    if new_due <= stage.due_on:
        raise ProcedureError(f"The new date must be after the current due date, {format_day(stage.due_on)}")
    if not cal.is_working_day(new_due):
        raise ProcedureError(f"{format_day(new_due)} is not a working day")
    days = cal.working_days_between(current.counted_from, new_due) - stage.paused_days
    step = workdays.timescale(case.procedure, f"stage{stage.number}_response")
    try:
        extended = workdays.due(cal, step, current.start, days=days)
    except ValueError as error:
        raise ProcedureError(str(error)) from None
    _check_day(told_on, not_before=stage.started_on, before_label=_started_label(stage),
               what="Date the complainant was told")
    _claim(case, version)
    # Days paused by a deferral are not part of the extension: they are added back.
    store_due_dates(stage, {"due_on": with_pause(extended, stage.paused_days, cal)})
    stage.extension_reason, stage.extension_kind, stage.extension_told_on = reason, kind, told_on
    stage.extension_days = days - step.days
    stage.save()
    why = f" ({stage.get_extension_kind_display().lower()})" if kind else ""
    note(case, f"Stage {stage.number} extended to {format_day(stage.due_on)}{why}: {reason} "
               f"Complainant told {format_day(told_on)}.", by=by)
    return stage


def _findings(case: Case, findings: dict[int, str]) -> list[Point]:
    points = list(case.points.all())
    missing = [p.number for p in points if findings.get(p.pk) not in Point.Finding.values]
    if not points or missing:
        raise ProcedureError(
            "Select a finding for every point of complaint"
            + (f" (point {', '.join(map(str, missing))})" if missing else "")
        )
    return points


def _close(case: Case, stage: Stage, *, on: date, outcome: str) -> None:
    stage.outcome = outcome
    stage.working_days_taken = working_days_taken(stage, on, calendar(case.procedure))
    stage.save()
    case.outcome, case.status, case.closed_on = outcome, Case.Status.CLOSED, on
    case.save(update_fields=["outcome", "status", "closed_on", "updated_at"])


@transaction.atomic
def respond(case: Case, *, on: date, findings: dict[int, str], by, version: int | None = None) -> Case:
    """Record the Stage 1 response or the Stage 2 adjudication, with a finding
    for every point; the stage's outcome (and the complaint's) follows from
    them."""
    stage = _open_stage(case)
    if stage.number == 3:
        raise ProcedureError("At Stage 3, record the panel's findings, then the council's response")
    _not_deferred(case)
    what = "Date of the response" if stage.number == 1 else "Date of the adjudication"
    _check_day(on, not_before=stage.started_on, before_label=_started_label(stage), what=what)
    if stage.number == 2:
        _refuse(rules.stage_two_investigation(
            procedure=case.procedure, investigating_officer=stage.investigating_officer,
            investigator_kind=stage.investigator_kind, independent_person=stage.independent_person,
            adjudicated=True, appointing=False))
    points = _findings(case, findings)
    _claim(case, version)
    field = f"stage{stage.number}_finding"
    for point in points:
        setattr(point, field, findings[point.pk])
    Point.objects.bulk_update(points, [field])
    stage.responded_on = on
    _close(case, stage, on=on, outcome=outcome_from_findings(getattr(p, field) for p in points))
    within = "within" if on <= stage.due_on else "after"
    note(case, f"Stage {stage.number} response sent {format_day(on)}, {within} the due date "
               f"{format_day(stage.due_on)}. Outcome: {case.get_outcome_display().lower()}.", by=by)
    return case


@transaction.atomic
def withdraw(case: Case, *, on: date, reason: str, by, version: int | None = None) -> Case:
    if not case.is_open:
        raise ProcedureError(f"{case.reference} is already closed")
    reason = _required(reason, "Enter why the complaint was withdrawn")
    _check_day(on, not_before=case.received_on, before_label="the date received", what="Date withdrawn")
    _claim(case, version)
    case.withdrawal_reason = reason
    stage = _stage(case, case.current_stage)
    if stage is not None:
        stage.closed_on = on
        _close(case, stage, on=on, outcome=Case.Outcome.WITHDRAWN)
    else:
        case.outcome, case.status, case.closed_on = Case.Outcome.WITHDRAWN, Case.Status.CLOSED, on
    case.save(update_fields=["outcome", "status", "closed_on", "withdrawal_reason", "updated_at"])
    note(case, f"Withdrawn on {format_day(on)}: {reason}", by=by)
    return case


@transaction.atomic
def resolve(case: Case, *, on: date, how: str, by, version: int | None = None) -> Case:
    """Close an enquiry, or a complaint resolved without a formal response (for
    example at a meeting). A Stage 2 request resolved before any investigation
    is recorded as resolved without investigation: the annual report counts
    these."""
    if not case.is_open:
        raise ProcedureError(f"{case.reference} is already closed")
    how = _required(how, "Enter how it was resolved")
    _check_day(on, not_before=case.received_on, before_label="the date received", what="Date resolved")
    _claim(case, version)
    case.resolution = how
    stage = _stage(case, case.current_stage)
    text = f"Resolved on {format_day(on)}: {how}"
    if stage is not None:
        if stage.number == 2 and not stage.investigating_officer:
            stage.resolved_without_investigation = True
            text = f"Stage 2 request resolved on {format_day(on)} without an investigation: {how}"
        stage.closed_on = on
        _close(case, stage, on=on, outcome=Case.Outcome.RESOLVED)
    else:
        case.outcome, case.status, case.closed_on = Case.Outcome.RESOLVED, Case.Status.CLOSED, on
    case.save(update_fields=["resolution", "outcome", "status", "closed_on", "updated_at"])
    note(case, text, by=by)
    return case


@transaction.atomic
def add_remedy(case: Case, *, kind: str, amount: Decimal | None = None, detail: str = "", by,
               version: int | None = None) -> Remedy:
    """A remedy at the case's current stage; a financial one needs its amount."""
    if case.kind != Case.Kind.COMPLAINT or not case.current_stage:
        raise ProcedureError("Remedies are recorded on a complaint")
    if kind == Remedy.Kind.FINANCIAL:
        if amount is None or amount <= 0:
            raise ProcedureError("Enter the amount of the payment or adjustment, more than £0")
    elif amount is not None:
        raise ProcedureError("Only a financial payment or adjustment has an amount")
    _claim(case, version)
    remedy = Remedy.objects.create(case=case, stage_number=case.current_stage, kind=kind, amount=amount,
                                   detail=detail.strip())
    note(case, f"Stage {case.current_stage} remedy: {remedy}"
               + (f" ({remedy.detail})" if remedy.detail else "") + ".", by=by)
    return remedy


@transaction.atomic
def add_learning(case: Case, *, text: str, by, version: int | None = None) -> Learning:
    if case.kind != Case.Kind.COMPLAINT or not case.current_stage:
        raise ProcedureError("Learning is recorded on a complaint")
    text = _required(text, "Enter what was learned")
    _claim(case, version)
    learning = Learning.objects.create(case=case, stage_number=case.current_stage, text=text,
                                       recorded_on=today())
    note(case, f"Stage {case.current_stage} learning recorded: {text}", by=by)
    return learning


# -- Escalation ------------------------------------------------------------------------


def _escalation_window(case: Case, previous: Stage, number: int, on: date, late_decision: str) -> str:
    """Refuse a request before the previous stage's answer; a request after the
    window to ask (statutory: 20 WD) needs a recorded decision to accept it."""
    answered = previous.responded_on if previous is not None else None
    cal = calendar(case.procedure)
    _refuse(rules.asked_for_in_time(procedure=case.procedure, number=number, previous_answered_on=answered,
                                    asked_on=on, late_decision=late_decision, calendar=cal))
    _check_day(on, not_before=answered, before_label=f"the Stage {number - 1} response",
               what=f"Date of the Stage {number} request")
    if case.procedure != Case.Procedure.STATUTORY:
        return ""
    window = workdays.due(cal, workdays.timescale(case.procedure, f"stage{number}_request"), answered)
    return late_decision.strip() if on > window.due else ""


def _request_stage(case: Case, number: int, *, on: date, late_decision: str, by, version) -> Stage:
    if _stage(case, number) is not None:
        raise ProcedureError(f"Stage {number} has already been requested")
    late = _escalation_window(case, _stage(case, number - 1), number, on, late_decision)
    _claim(case, version)
    stage = open_stage(case, number, on, by=by, late_request_decision=late)
    if late:
        note(case, f"Late Stage {number} request accepted: {late}", by=by)
    return stage


@transaction.atomic
def request_stage_two(case: Case, *, on: date, late_decision: str = "", by,
                      version: int | None = None) -> Stage:
    """The complainant asks for Stage 2 (statutory: independent investigation);
    the case reopens at Stage 2 with its due dates."""
    if case.kind != Case.Kind.COMPLAINT:
        raise ProcedureError("An enquiry is not taken through the complaints procedure")
    return _request_stage(case, 2, on=on, late_decision=late_decision, by=by, version=version)


@transaction.atomic
def appoint_investigation(case: Case, *, investigating_officer: str, investigator_kind: str,
                          independent_person: Appointee | None, adjudicator: str, by,
                          version: int | None = None) -> Stage:
    """Appoint the Stage 2 investigating officer, independent person (statutory)
    and adjudicating officer. The independent person may not be a member or
    officer of the council, or the spouse or civil partner of one."""
    stage = _open_stage(case, 2)
    investigating_officer = _required(investigating_officer, "Enter the investigating officer's name")
    _refuse(rules.stage_two_investigation(
        procedure=case.procedure, investigating_officer=investigating_officer,
        investigator_kind=investigator_kind or "", independent_person=independent_person,
        adjudicated=False, appointing=True))
    _claim(case, version)
    stage.investigating_officer, stage.investigator_kind = investigating_officer, investigator_kind
    stage.independent_person, stage.adjudicator = independent_person, adjudicator.strip()
    stage.save()
    kind = stage.get_investigator_kind_display().split(" (")[0].lower()
    people = [f"investigating officer {investigating_officer} ({kind})"]
    if independent_person:
        people.append(f"independent person {independent_person}")
    if stage.adjudicator:
        people.append(f"adjudicating officer {stage.adjudicator}")
    note(case, f"Stage 2 appointed: {', '.join(people)}.", by=by)
    return stage


@transaction.atomic
def record_statement_agreed(case: Case, *, on: date, by, version: int | None = None) -> Stage:
    """The date the complaint statement was agreed: a local measure; the
    Ombudsman measures Stage 2 from the request."""
    stage = _open_stage(case, 2)
    _check_day(on, not_before=stage.started_on, before_label="the Stage 2 request",
               what="Date the statement was agreed")
    _claim(case, version)
    stage.statement_agreed_on = on
    stage.save(update_fields=["statement_agreed_on"])
    note(case, f"Complaint statement agreed {format_day(on)}.", by=by)
    return stage


@transaction.atomic
def request_stage_three(case: Case, *, on: date, late_decision: str = "", by,
                        version: int | None = None) -> Stage:
    """The complainant asks for a review panel (statutory only)."""
    _refuse(rules.the_procedure_has_the_stage(case.procedure, 3))
    return _request_stage(case, 3, on=on, late_decision=late_decision, by=by, version=version)


@transaction.atomic
def convene_panel(case: Case, *, members: list[Appointee], chair: Appointee, by,
                  version: int | None = None) -> Stage:
    """Three independent people, one of them the chair. The Stage 2
    independent person cannot sit."""
    stage = _open_stage(case, 3)
    if stage.panel_on:
        raise ProcedureError(f"The panel already met on {format_day(stage.panel_on)}")
    members = list(dict.fromkeys(members))
    stage_two = _stage(case, 2)
    _refuse(rules.review_panel(members=members, chair=chair, stage_two_independent_person_id=(
        stage_two.independent_person_id if stage_two else None)))
    _claim(case, version)
    stage.panel.all().delete()
    PanelMember.objects.bulk_create(
        PanelMember(stage=stage, appointee=person, chair=person == chair) for person in members)
    note(case, f"Review panel: {chair} (chair), "
               f"{' and '.join(str(p) for p in members if p != chair)}.", by=by)
    return stage


@transaction.atomic
def record_panel_meeting(case: Case, *, on: date, findings: dict[int, str], by,
                         version: int | None = None) -> Stage:
    """The panel met: its finding on each point; the report is due 5 WD later."""
    stage = _open_stage(case, 3)
    _not_deferred(case)
    if stage.panel_on:
        raise ProcedureError(f"The panel already met on {format_day(stage.panel_on)}")
    _refuse(rules.panel_in_order(members=stage.panel.count(), panel_on=on, report_on=None, responded_on=None))
    _check_day(on, not_before=stage.started_on, before_label="the Stage 3 request", what="Date the panel met")
    points = _findings(case, findings)
    _claim(case, version)
    for point in points:
        point.stage3_finding = findings[point.pk]
    Point.objects.bulk_update(points, ["stage3_finding"])
    stage.panel_on = on
    store_due_dates(stage, stage_due_dates(stage, calendar(case.procedure)))
    stage.save()
    within = "within" if on <= stage.panel_due_on else "after"
    note(case, f"Review panel met {format_day(on)}, {within} the due date {format_day(stage.panel_due_on)}. "
               f"Report due {format_day(stage.report_due_on)}.", by=by)
    return stage


@transaction.atomic
def record_panel_report(case: Case, *, on: date, by, version: int | None = None) -> Stage:
    stage = _open_stage(case, 3)
    if stage.report_on:
        raise ProcedureError(f"The panel's report was recorded on {format_day(stage.report_on)}")
    _refuse(rules.panel_in_order(members=3, panel_on=stage.panel_on, report_on=on, responded_on=None))
    _check_day(on, not_before=stage.panel_on, before_label="the panel meeting", what="Date of the report")
    _claim(case, version)
    stage.report_on = on
    store_due_dates(stage, stage_due_dates(stage, calendar(case.procedure)))
    stage.save()
    within = "within" if on <= stage.report_due_on else "after"
    note(case, f"Panel report issued {format_day(on)}, {within} the due date {format_day(stage.report_due_on)}. "
               f"Council's response due {format_day(stage.due_on)}.", by=by)
    return stage


@transaction.atomic
def respond_to_panel(case: Case, *, on: date, by, version: int | None = None) -> Case:
    """The council's response to the panel's report closes the complaint; its
    Stage 3 outcome follows from the panel's findings."""
    stage = _open_stage(case, 3)
    _not_deferred(case)
    _refuse(rules.panel_in_order(members=3, panel_on=stage.panel_on, report_on=stage.report_on,
                                 responded_on=on))
    _check_day(on, not_before=stage.report_on, before_label="the panel's report", what="Date of the response")
    _claim(case, version)
    stage.responded_on = on
    _close(case, stage, on=on,
           outcome=outcome_from_findings(p.stage3_finding for p in case.points.all()))
    within = "within" if on <= stage.due_on else "after"
    note(case, f"Council's response to the panel sent {format_day(on)}, {within} the due date "
               f"{format_day(stage.due_on)}. Outcome: {case.get_outcome_display().lower()}.", by=by)
    return case


# -- Restriction and legal hold ------------------------------------------------------------


@transaction.atomic
def restrict(case: Case, *, restricted: bool, people, reason: str, by, version: int | None = None) -> Case:
    """Restrict a case to the people named (administrators always see it), or
    lift the restriction. The person restricting it stays on the list, so they
    cannot lock themselves out."""
    people = list(people)
    if restricted:
        reason = _required(reason, "Enter why the case is restricted")
        if by is not None and by not in people:
            people.append(by)
    _claim(case, version)
    case.restricted, case.restriction_reason = restricted, reason.strip() if restricted else ""
    case.save(update_fields=["restricted", "restriction_reason", "updated_at"])
    case.restricted_to.set(people if restricted else [])
    if restricted:
        names = ", ".join(sorted(str(p) for p in people))
        note(case, f"Restricted to {names}: {reason.strip()}", by=by)
    else:
        note(case, "Restriction lifted.", by=by)
    return case


@transaction.atomic
def hold(case: Case, *, on_hold: bool, reason: str, by, version: int | None = None) -> Case:
    """A legal hold keeps the case past its retention date until lifted."""
    if on_hold:
        reason = _required(reason, "Enter why the case is held")
    _claim(case, version)
    case.legal_hold, case.legal_hold_reason = on_hold, reason.strip() if on_hold else ""
    case.save(update_fields=["legal_hold", "legal_hold_reason", "updated_at"])
    note(case, f"Legal hold: {reason.strip()}" if on_hold else "Legal hold lifted.", by=by)
    return case
