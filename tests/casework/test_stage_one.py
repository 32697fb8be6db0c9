"""Stage 1: acknowledgement, allocation, extension, response and withdrawal,
each with its refusals."""

from datetime import date

import pytest

from complaints.casework import procedure, services
from complaints.casework.models import Case, Point
from complaints.casework.procedure import ProcedureError, StaleCase

pytestmark = pytest.mark.usefixtures("frozen")


def test_acknowledging_a_corporate_complaint_counts_stage_one_from_that_day(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16), procedure="corporate")
    stage = procedure.acknowledge(case, on=date(2022, 12, 19), method="email", by=officer)
    # 10 working days from Mon 19 Dec 2022, skipping 26-27 Dec and 2 Jan.
    assert stage.due_on == date(2023, 1, 5)
    assert "Stage 1 acknowledged by email on Mon 19 Dec 2022" in case.timeline.first().text


def test_acknowledging_a_statutory_complaint_leaves_its_due_date_alone(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    assert procedure.acknowledge(case, on=date(2022, 12, 19), method="letter", by=officer).due_on == date(2023, 1, 4)


@pytest.mark.parametrize(
    ("on", "message"),
    [(date(2022, 12, 15), "must be on or after the date received"), (date(2023, 2, 2), "today or in the past")],
)
def test_an_acknowledgement_date_before_receipt_or_in_the_future_is_refused(record_complaint, officer, on, message):
    case = record_complaint(received_on=date(2022, 12, 16))
    with pytest.raises(ProcedureError, match=message):
        procedure.acknowledge(case, on=on, method="email", by=officer)


def test_a_case_cannot_be_acknowledged_twice(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    procedure.acknowledge(case, on=date(2022, 12, 19), method="email", by=officer)
    with pytest.raises(ProcedureError, match="already acknowledged"):
        procedure.acknowledge(case, on=date(2022, 12, 20), method="email", by=officer)


def test_stage_one_extends_to_twenty_working_days_and_no_further(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    with pytest.raises(ProcedureError, match="at most 20 working days"):
        procedure.extend(case, new_due=date(2023, 1, 19), reason="To arrange an advocate",
                                  told_on=date(2022, 12, 20), by=officer)
    stage = procedure.extend(case, new_due=date(2023, 1, 18), reason="To arrange an advocate.",
                                      told_on=date(2022, 12, 20), by=officer)
    assert stage.due_on == date(2023, 1, 18)
    assert "extended from 10; the maximum is 20" in stage.due_date_explained()
    assert stage.extension_told_on == date(2022, 12, 20)


@pytest.mark.parametrize(
    ("new_due", "reason", "message"),
    [
        (date(2023, 1, 10), "", "Enter the reason for the extension"),
        (date(2023, 1, 3), "Complex", "must be after the current due date"),
        (date(2023, 1, 14), "Complex", "not a working day"),
    ],
)
def test_extension_refusals(record_complaint, officer, new_due, reason, message):
    case = record_complaint(received_on=date(2022, 12, 16))
    with pytest.raises(ProcedureError, match=message):
        procedure.extend(case, new_due=new_due, reason=reason, told_on=date(2022, 12, 20), by=officer)


def test_an_extension_survives_a_change_to_the_calendar(record_complaint, officer):
    from complaints.casework.models import HolidayOverride

    case = record_complaint(received_on=date(2022, 12, 16))
    procedure.extend(case, new_due=date(2023, 1, 18), reason="Complex.",
                              told_on=date(2022, 12, 20), by=officer)
    services.save_holiday_override(HolidayOverride(day=date(2023, 1, 10), kind="added", name="One-off"))
    assert case.stages.get().due_on == date(2023, 1, 19)


def test_responding_records_each_finding_and_derives_the_outcome(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    second = Point.objects.create(case=case, number=2, summary="Wrong school recorded",
                                  theme=case.points.get().theme)
    first = case.points.get(number=1)
    procedure.respond(case, on=date(2023, 1, 4), by=officer,
                               findings={first.pk: "upheld", second.pk: "not_upheld"})
    case.refresh_from_db()
    assert (case.outcome, case.status, case.closed_on) == ("partial", "closed", date(2023, 1, 4))
    assert "within the due date" in case.timeline.first().text


def test_a_response_needs_a_finding_for_every_point(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    with pytest.raises(ProcedureError, match="Select a finding for every point of complaint"):
        procedure.respond(case, on=date(2023, 1, 4), findings={}, by=officer)
    assert Case.objects.get(pk=case.pk).status == "open"


def test_a_stage_cannot_be_answered_twice(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    point = case.points.get()
    procedure.respond(case, on=date(2023, 1, 4), findings={point.pk: "upheld"}, by=officer)
    with pytest.raises(ProcedureError, match="was answered on"):
        procedure.respond(case, on=date(2023, 1, 5), findings={point.pk: "upheld"}, by=officer)


@pytest.mark.parametrize(
    ("findings", "outcome"),
    [(["upheld", "upheld"], "upheld"), (["not_upheld"], "not_upheld"),
     (["partial"], "partial"), (["upheld", "not_upheld"], "partial")],
)
def test_outcome_follows_from_the_points(findings, outcome):
    assert services.outcome_from_findings(findings) == outcome


def test_withdrawal_closes_the_case_and_keeps_the_reason(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    procedure.withdraw(case, on=date(2022, 12, 21), reason="Resolved informally by phone.", by=officer)
    case.refresh_from_db()
    assert (case.outcome, case.status, case.withdrawal_reason) == ("withdrawn", "closed", "Resolved informally by phone.")
    assert not Case.objects.overdue(date(2023, 2, 1)).exists()
    with pytest.raises(ProcedureError, match="already closed"):
        procedure.withdraw(case, on=date(2022, 12, 22), reason="Again", by=officer)


def test_a_second_officer_saving_a_stale_case_is_refused_and_nothing_is_lost(record_complaint, personas):
    case = record_complaint(received_on=date(2022, 12, 16))
    opened_at = case.version
    procedure.allocate(case, officer=personas["officer"], team=None, by=personas["officer"], version=opened_at)
    stale = Case.objects.get(pk=case.pk)
    with pytest.raises(StaleCase, match="Someone else changed this case"):
        procedure.withdraw(stale, on=date(2022, 12, 21), reason="Gone", by=personas["manager"], version=opened_at)
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.officer == personas["officer"] and fresh.status == "open"


def test_an_extension_is_stored_on_the_stage_and_the_due_date_follows_from_its_columns(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16))
    procedure.extend(case, new_due=date(2023, 1, 18), reason="Complex.", told_on=date(2022, 12, 20), by=officer)
    stage = case.stages.get()
    assert stage.extension_days == 10
    # The explanation is output only: without it the same due date is worked out again.
    stage.due_explanation = {}
    dates = services.stage_due_dates(stage, services.calendar("statutory"))
    assert dates["due_on"].due == date(2023, 1, 18)
    assert "extended from 10" in dates["due_on"].text()


def test_the_migration_reads_an_extension_stored_only_in_its_explanation(record_complaint, officer):
    from django.apps import apps
    from importlib import import_module

    migration = import_module("complaints.casework.migrations.0008_stage_extension_days")
    case = record_complaint(received_on=date(2022, 12, 16))
    procedure.extend(case, new_due=date(2023, 1, 18), reason="Complex.", told_on=date(2022, 12, 20), by=officer)
    other = record_complaint(received_on=date(2022, 12, 16))
    case.stages.update(extension_days=0)
    migration.extension_days_from_explanations(apps, None)
    assert case.stages.get().extension_days == 10 and other.stages.get().extension_days == 0
