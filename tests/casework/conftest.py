from datetime import date

import pytest
import time_machine


@pytest.fixture
def later():
    """Today is Wed 1 Mar 2023, after every date of the Stage 2 and 3 walk-throughs."""
    with time_machine.travel(date(2023, 3, 1), tick=False):
        yield


@pytest.fixture
def appointees(db):
    """Independent people, and one who may not be independent for each reason."""
    from complaints.casework.models import Appointee

    people = {name: Appointee.objects.create(name=name) for name in
              ("Pat Independent", "Robin Reviewer", "Sam Chair", "Alex Panellist")}
    people["councillor"] = Appointee.objects.create(name="Cllr Jo Bloggs", council_member=True)
    people["officer"] = Appointee.objects.create(name="Lee Officer", council_officer=True)
    people["spouse"] = Appointee.objects.create(name="Kim Spouse", partner_of_member_or_officer=True)
    return people


@pytest.fixture
def answered(record_complaint, officer, later):
    """A statutory complaint received Fri 9 Sep 2022 with two points, answered at
    Stage 1 on Tue 4 Oct 2022: one point upheld, one not (partially upheld)."""
    from complaints.casework import procedure

    case = record_complaint(received_on=date(2022, 9, 9), points=["Calls not returned", "Wrong school"])
    first, second = case.points.all()
    procedure.respond(case, on=date(2022, 10, 4), findings={first.pk: "upheld", second.pk: "not_upheld"},
                      by=officer)
    return case
