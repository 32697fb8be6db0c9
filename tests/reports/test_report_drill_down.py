"""A report figure and the cases it drills down to never differ, so neither
tells of a restricted case (issue #18): the published edition's figures link
to no case list, and the case list takes the report's filters only from those
who may see the internal edition, whose figures list exactly what they count."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.casework import procedure


@pytest.fixture
def year_with_a_restricted_case(record_complaint, personas, team, frozen):
    """Six complaints about the team in 2022-23, one of them restricted to the
    head of service (so that neither the officer nor the manager may see it),
    and one from the year before."""
    cases = [record_complaint(team=team, received_on=date(2022, 9, 9)) for _ in range(6)]
    procedure.restrict(cases[0], restricted=True, people=[personas["head"]], reason="A member of staff's child.",
                       by=personas["head"])
    record_complaint(team=team, received_on=date(2021, 9, 9))
    return cases[0]


def drill_down(team) -> str:
    return f'{reverse("case_list")}?year=2022-23&amp;kind=complaint&amp;team={team.pk}'


def test_the_published_figures_drill_down_to_nothing(year_with_a_restricted_case, client, personas, team):
    client.force_login(personas["officer"])
    page = client.get(reverse("report_annual", args=["2022-23"])).content.decode()
    assert "Published edition" in page
    assert drill_down(team) not in page

    # Asked for by hand, the report's filters are not applied: the list is not the figure's.
    listed = client.get(reverse("case_list"), {"year": "2022-23", "kind": "complaint", "team": team.pk})
    assert listed.context["page"].paginator.count == 6  # both years' visible cases, not "5 of 6 counted"
    assert "From the annual report" not in listed.content.decode()


def test_the_internal_figures_of_someone_who_may_not_list_a_counted_case_link_to_no_list(
        year_with_a_restricted_case, client, personas, team):
    client.force_login(personas["manager"])
    page = client.get(reverse("report_annual", args=["2022-23"]), {"edition": "internal"}).content.decode()
    assert "Internal edition" in page
    assert f'{reverse("case_list")}?' not in page


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_internal_figures_drill_down_to_exactly_the_cases_counted(
        record_complaint, personas, team, client, frozen, role):
    restricted = record_complaint(team=team, received_on=date(2022, 9, 9))
    procedure.restrict(restricted, restricted=True, people=[personas["manager"]], reason="Staff family.",
                       by=personas["manager"])
    for _ in range(6):
        record_complaint(team=team, received_on=date(2022, 9, 9))
    client.force_login(personas[role])

    page = client.get(reverse("report_annual", args=["2022-23"]), {"edition": "internal"})

    report = page.context["report"]
    assert drill_down(team) in page.content.decode()
    counted = report.table("teams").row(team.name).values[0]
    listed = client.get(reverse("case_list"), {"year": "2022-23", "kind": "complaint", "team": team.pk})
    assert listed.context["page"].paginator.count == counted == 7
