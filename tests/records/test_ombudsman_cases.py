"""Ombudsman (LGSCO) enquiries and decisions, in its older and current wording."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from complaints.records import services
from complaints.records.models import CURRENT, OLDER, OmbudsmanCase

Decision = OmbudsmanCase.Decision


def _case(reference="22 004 123", **extra):
    return OmbudsmanCase.objects.create(reference=reference, enquiry_on=date(2023, 3, 1), **extra)


def test_an_ombudsman_decision_can_be_recorded_with_its_remedies_and_compliance(record_complaint):
    case = record_complaint()
    ombudsman = _case(
        case=case, decision_on=date(2023, 6, 12), decision=Decision.UPHELD,
        fault_found=True, injustice_found=True, remedy_apology=True, remedy_payment=True,
        payment_amount=Decimal("300.00"), compliance_due_on=date(2023, 7, 12),
    )
    assert ombudsman.remedies() == ["Apology", "Payment"]
    assert ombudsman.is_compliance_overdue(date(2023, 7, 13))
    assert not ombudsman.is_compliance_overdue(date(2023, 7, 12))
    assert list(case.ombudsman_cases.all()) == [ombudsman]


def test_every_older_and_current_decision_is_recorded_and_knows_its_vocabulary(db):
    older = [Decision.MALADMIN_NO_INJUSTICE, Decision.MALADMIN_INJUSTICE, Decision.NO_MALADMIN,
             Decision.DISCRETION, Decision.LOCAL_SETTLEMENT, Decision.OUTSIDE_JURISDICTION,
             Decision.DISCONTINUED, Decision.PREMATURE, Decision.CLOSED_NO_ACTION]
    current = [Decision.UPHELD, Decision.NOT_UPHELD, Decision.CLOSED_INITIAL, Decision.NOT_FOR_US,
               Decision.ASSESSED_CLOSED]
    assert set(older) | set(current) == set(Decision)
    for number, decision in enumerate(older + current):
        _case(reference=f"REF{number}", decision=decision, decision_on=date(2023, 4, 1))
    vocabularies = {o.decision: o.vocabulary for o in OmbudsmanCase.objects.all()}
    assert vocabularies == {**{d: OLDER for d in older}, **{d: CURRENT for d in current}}
    assert Decision.CLOSED_NO_ACTION.label == "Closed after initial enquiries – no further action"
    assert Decision.MALADMIN_INJUSTICE.label == "Maladministration and injustice"


def test_decisions_are_counted_under_each_vocabulary_with_every_decision_listed(db):
    _case("A", decision=Decision.MALADMIN_INJUSTICE, decision_on=date(2023, 4, 1))
    _case("B", decision=Decision.MALADMIN_INJUSTICE, decision_on=date(2023, 4, 1))
    _case("C", decision=Decision.NOT_FOR_US, decision_on=date(2023, 4, 1))
    _case("D")  # no decision yet
    report = services.ombudsman_decisions(OmbudsmanCase.objects.all())
    assert report[OLDER]["Maladministration and injustice"] == 2
    assert report[OLDER]["Ombudsman discretion"] == 0
    assert len(report[OLDER]) == 9
    assert report[CURRENT] == {"Upheld": 0, "Not upheld": 0, "Closed after initial enquiries": 0,
                               "Not for us": 1, "Assessed and closed": 0}


def test_two_ombudsman_cases_with_one_reference_are_refused(db):
    _case("22 004 123")
    with pytest.raises(IntegrityError), transaction.atomic():
        _case("22 004 123")


@pytest.mark.parametrize(
    "bad",
    [
        {"decision_on": date(2023, 2, 28), "decision": Decision.UPHELD},  # before the enquiry
        {"decision": Decision.UPHELD},  # a decision with no date
        {"remedy_payment": True, "payment_amount": Decimal("-1.00")},
        {"remedy_payment": False, "payment_amount": Decimal("300.00")},
        {"complied_on": date(2023, 2, 1)},
    ],
    ids=["decided before enquiry", "undated decision", "negative payment",
         "payment amount without a payment", "complied before enquiry"],
)
def test_the_database_refuses_an_impossible_ombudsman_case(db, bad):
    with pytest.raises(IntegrityError), transaction.atomic():
        _case(**bad)


def test_a_payment_of_nothing_and_a_decision_on_the_enquiry_day_are_allowed(db):
    _case(decision_on=date(2023, 3, 1), decision=Decision.ASSESSED_CLOSED,
          remedy_payment=True, payment_amount=Decimal("0"))
