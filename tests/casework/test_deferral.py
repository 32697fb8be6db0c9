"""Deferral while proceedings could be prejudiced (reg 8): the clock pauses,
shows paused, and never silently resets."""

from datetime import date

import pytest

from complaints.casework import procedure
from complaints.casework.models import Case, Deferral
from complaints.casework.procedure import ProcedureError

pytestmark = pytest.mark.usefixtures("frozen")


def _defer(case, officer, on=date(2022, 9, 14)):
    return procedure.defer(case, on=on, proceedings="criminal", reason="Police investigation.", by=officer)


def test_a_deferred_case_is_never_overdue(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    assert Case.objects.overdue(date(2022, 9, 27)).filter(pk=case.pk).exists()
    _defer(case, officer)
    assert not Case.objects.overdue(date(2022, 9, 27)).filter(pk=case.pk).exists()
    assert not Case.objects.due_between(date(2022, 9, 26), date(2022, 9, 28)).filter(pk=case.pk).exists()
    assert "The clock is paused." in case.timeline.first().text


def test_resuming_adds_the_working_days_paused_to_the_due_date(record_complaint, officer):
    # Due Mon 26 Sep 2022. Deferred Wed 14 Sep, resumed Wed 12 Oct: 19 working days
    # (Mon 19 Sep, the State Funeral, is not one).
    case = record_complaint(received_on=date(2022, 9, 9))
    _defer(case, officer)
    stage = procedure.resume(case, on=date(2022, 10, 12), by=officer)
    assert stage.paused_days == 19
    assert stage.due_on == date(2022, 10, 21)
    assert "plus 19 working days paused while consideration was deferred" in stage.due_date_explained()
    assert Deferral.objects.get(case=case).paused_days == 19
    text = case.timeline.first().text
    assert "resumed on Wed 12 Oct 2022 after 19 working days paused" in text
    assert "Stage 1 response now due Fri 21 Oct 2022" in text


def test_the_pause_survives_an_extension_and_a_calendar_change(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    _defer(case, officer)
    procedure.resume(case, on=date(2022, 9, 16), by=officer)  # 2 working days
    stage = case.stages.get()
    assert stage.due_on == date(2022, 9, 28)
    # The extension's maximum (20 WD from receipt, Mon 10 Oct) moves with the pause too.
    stage = procedure.extend(case, new_due=date(2022, 10, 12), kind="complex", reason="Complex.",
                             told_on=date(2022, 9, 20), by=officer)
    assert stage.due_explanation["days"] == 22
    with pytest.raises(ProcedureError, match="at most 20 working days"):
        procedure.extend(case, new_due=date(2022, 10, 13), kind="complex", reason="More.",
                         told_on=date(2022, 9, 20), by=officer)


def test_deferral_refusals(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    with pytest.raises(ProcedureError, match="not deferred"):
        procedure.resume(case, on=date(2022, 9, 20), by=officer)
    with pytest.raises(ProcedureError, match="Date deferred must be on or after the date received"):
        _defer(case, officer, on=date(2022, 9, 8))
    _defer(case, officer)
    with pytest.raises(ProcedureError, match="already deferred since Wed 14 Sep 2022"):
        _defer(case, officer, on=date(2022, 9, 15))
    with pytest.raises(ProcedureError, match="record that it has resumed first"):
        procedure.respond(case, on=date(2022, 9, 20), findings={case.points.get().pk: "upheld"}, by=officer)
    with pytest.raises(ProcedureError, match="Date resumed must be on or after the date it was deferred"):
        procedure.resume(case, on=date(2022, 9, 13), by=officer)


def test_days_paused_are_not_counted_in_the_time_taken(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    _defer(case, officer)
    procedure.resume(case, on=date(2022, 9, 16), by=officer)  # 2 working days paused
    procedure.respond(case, on=date(2022, 9, 28), findings={case.points.get().pk: "upheld"}, by=officer)
    # Fri 9 Sep to Wed 28 Sep 2022 is 12 working days, less the 2 paused.
    assert case.stages.get().working_days_taken == 10
