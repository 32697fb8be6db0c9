"""The case list: filters, search, pagination and a fixed number of queries."""

from datetime import date

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse

from complaints.casework.models import Case


@pytest.fixture
def officer_client(client, personas):
    client.force_login(personas["officer"])
    return client


def listed(response):
    return [case.reference for case in response.context["page"].object_list]


def test_search_finds_cases_by_reference_complainant_or_child(officer_client, record_complaint):
    taylor = record_complaint(complainant="Sam Taylor", child="Alex Taylor")
    other = record_complaint(complainant="Jo Brook", child="Kit Brook")
    assert listed(officer_client.get(reverse("case_list"), {"q": "taylor"})) == [taylor.reference]
    assert listed(officer_client.get(reverse("case_list"), {"q": "kit"})) == [other.reference]
    assert listed(officer_client.get(reverse("case_list"), {"q": other.reference})) == [other.reference]


def test_filters_narrow_by_team_officer_status_and_overdue(
    officer_client, personas, team, other_team, record_complaint, settings
):
    ours = record_complaint(team=team, officer=personas["officer"], received_on=date(2022, 1, 4))
    theirs = record_complaint(team=other_team)
    Case.objects.filter(pk=theirs.pk).update(status="closed", closed_on=date(2022, 9, 30))
    theirs.stages.update(responded_on=date(2022, 9, 30))

    assert listed(officer_client.get(reverse("case_list"), {"team": team.pk})) == [ours.reference]
    assert listed(officer_client.get(reverse("case_list"), {"officer": personas["officer"].pk})) == [ours.reference]
    assert listed(officer_client.get(reverse("case_list"), {"status": "closed"})) == [theirs.reference]
    assert listed(officer_client.get(reverse("case_list"), {"overdue": "on"})) == [ours.reference]
    assert listed(officer_client.get(reverse("case_list"), {"stage": "1", "status": "open"})) == [ours.reference]


def test_nonsense_filter_values_are_ignored_not_an_error(officer_client, record_complaint):
    record_complaint()
    response = officer_client.get(reverse("case_list"), {"team": "banana", "stage": "9", "page": "x"})
    assert response.status_code == 200


def test_the_list_pages_through_cases(officer_client, record_complaint, settings):
    settings.CASE_LIST_PAGE_SIZE = 5
    for _ in range(7):
        record_complaint()
    first = officer_client.get(reverse("case_list"))
    second = officer_client.get(reverse("case_list"), {"page": 2})
    assert len(listed(first)) == 5 and len(listed(second)) == 2
    assert "Page 1 of 2" in first.content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_cases_or_the_page_size(
    officer_client, record_complaint, settings
):
    record_complaint()
    settings.CASE_LIST_PAGE_SIZE = 5
    few = count_queries(officer_client, reverse("case_list"))
    for _ in range(12):
        record_complaint()
    settings.CASE_LIST_PAGE_SIZE = 50
    many = count_queries(officer_client, reverse("case_list"))
    assert many == few
    assert count_queries(officer_client, reverse("my_work")) <= 20


def test_the_response_bands_count_the_days_taken_by_the_timescales_bands(db):
    from complaints.casework.models import RESPONSE_BANDS
    from django.db.models import Q

    assert RESPONSE_BANDS["within_10"] == Q(working_days_taken__lte=10)
    assert RESPONSE_BANDS["11_20"] == Q(working_days_taken__gte=11, working_days_taken__lte=20)
    assert RESPONSE_BANDS["over_20"] == Q(working_days_taken__gte=21)
