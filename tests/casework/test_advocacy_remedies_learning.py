"""Advocacy, remedies and learning recorded on a complaint."""

from datetime import date
from decimal import Decimal

import pytest

from complaints.casework import procedure
from complaints.casework.models import Remedy
from complaints.casework.procedure import ProcedureError

pytestmark = pytest.mark.usefixtures("frozen")


def test_advocacy_offered_accepted_and_provided(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.record_advocacy(case, offered_on=date(2022, 9, 12), accepted=True, provided=True,
                              provider="National Youth Advocacy Service", by=officer)
    case.refresh_from_db()
    assert (case.advocacy_accepted, case.advocacy_provided) == (True, True)
    assert case.timeline.first().text == (
        "Advocate offered Mon 12 Sep 2022: accepted; provided by National Youth Advocacy Service.")


@pytest.mark.parametrize("kwargs, message", [
    ({"offered_on": None, "accepted": True}, "Enter the date an advocate was offered"),
    ({"offered_on": date(2022, 9, 8)}, "must be on or after the date received"),
    ({"accepted": False, "provided": True, "provider": "NYAS"}, "only be provided once the offer is accepted"),
    ({"accepted": True, "provided": True, "provider": ""}, "Enter who provided the advocate"),
])
def test_advocacy_refusals(record_complaint, officer, kwargs, message):
    case = record_complaint(received_on=date(2022, 9, 9))
    args = {"offered_on": date(2022, 9, 12), "accepted": None, "provided": False, "provider": ""} | kwargs
    with pytest.raises(ProcedureError, match=message):
        procedure.record_advocacy(case, **args, by=officer)


def test_an_extension_to_arrange_an_advocate_says_so(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    stage = procedure.extend(case, new_due=date(2022, 10, 10), kind="advocate",
                             reason="The young person wants an advocate.", told_on=date(2022, 9, 15), by=officer)
    assert stage.extension_kind == "advocate"
    assert "extended to Mon 10 Oct 2022 (to arrange an advocate)" in case.timeline.first().text


def test_remedies_at_the_current_stage_with_amounts_for_payments(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.add_remedy(case, kind="apology", detail="Written apology from the team manager.", by=officer)
    payment = procedure.add_remedy(case, kind="financial", amount=Decimal("250.00"), by=officer)
    assert str(payment) == "Financial payment or adjustment £250.00"
    assert [r.stage_number for r in Remedy.objects.filter(case=case)] == [1, 1]
    assert case.timeline.first().text == "Stage 1 remedy: Financial payment or adjustment £250.00."


@pytest.mark.parametrize("kind, amount, message", [
    ("financial", None, "Enter the amount of the payment or adjustment"),
    ("financial", Decimal("0"), "more than £0"),
    ("apology", Decimal("10"), "Only a financial payment or adjustment has an amount"),
])
def test_remedy_refusals(record_complaint, officer, kind, amount, message):
    case = record_complaint()
    with pytest.raises(ProcedureError, match=message):
        procedure.add_remedy(case, kind=kind, amount=amount, by=officer)
    assert not case.remedies.exists()


def test_learning_is_recorded_against_the_stage(record_complaint, officer):
    case = record_complaint()
    learning = procedure.add_learning(case, text="Return calls within two working days.", by=officer)
    assert (learning.stage_number, learning.recorded_on) == (1, date(2023, 2, 1))
    with pytest.raises(ProcedureError, match="Enter what was learned"):
        procedure.add_learning(case, text=" ", by=officer)


def test_an_enquiry_has_no_remedies_and_is_closed_by_resolving_it(record_complaint, officer):
    enquiry = record_complaint(kind="enquiry", procedure="")
    with pytest.raises(ProcedureError, match="Remedies are recorded on a complaint"):
        procedure.add_remedy(enquiry, kind="apology", by=officer)
    procedure.resolve(enquiry, on=date(2022, 9, 12), how="Explained the school transport policy.", by=officer)
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.outcome, enquiry.resolution) == (
        "closed", "resolved", "Explained the school transport policy.")


def test_a_complaint_resolved_at_a_meeting_closes_its_stage(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.resolve(case, on=date(2022, 9, 15), how="At a meeting with the team manager.", by=officer)
    stage = case.stages.get()
    assert (stage.outcome, stage.closed_on, stage.responded_on) == ("resolved", date(2022, 9, 15), None)
    assert case.outcome == "resolved"
    with pytest.raises(ProcedureError, match="already closed"):
        procedure.resolve(case, on=date(2022, 9, 16), how="Again.", by=officer)
