"""Expenditure: what complaints work cost, by category."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from complaints.records.models import Cost


def test_a_cost_can_be_recorded_against_a_case(record_complaint):
    case = record_complaint()
    cost = Cost.objects.create(
        category=Cost.Category.PAYMENTS, amount=Decimal("300.00"), incurred_on=date(2023, 2, 1),
        supplier_or_invoice="Remedy payment", case=case,
    )
    assert list(case.costs.all()) == [cost]
    assert str(cost) == "Payments to complainants: £300.00 on 1 February 2023"


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-12.50")])
def test_the_database_refuses_a_cost_that_is_not_more_than_nothing(db, amount):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cost.objects.create(
            category=Cost.Category.PUBLICITY, amount=amount, incurred_on=date(2023, 1, 5)
        )


def test_a_case_with_costs_cannot_be_deleted(record_complaint):
    case = record_complaint()
    Cost.objects.create(category=Cost.Category.INVESTIGATORS, amount=Decimal("1250.00"),
                        incurred_on=date(2023, 1, 5), case=case)
    with pytest.raises(ProtectedError):
        case.delete()
