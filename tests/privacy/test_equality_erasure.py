"""Equality monitoring erased at a person's request, without changing the
published figures of closed years; seen only by those allowed."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.casework.models import Child, Disability, Ethnicity, Monitoring, Religion
from complaints.privacy import erasure
from complaints.privacy.models import ErasedMonitoring
from complaints.reports.annual import build


@pytest.fixture
def monitored(record_complaint):
    case = record_complaint(received_on=date(2021, 6, 1))
    child = case.children.get()
    monitoring = Monitoring.objects.create(child=child, gender="female", ethnicity=Ethnicity.objects.get(code="BCRB"),
                                           religion=Religion.objects.first())
    monitoring.disabilities.set(Disability.objects.filter(code__in=["AUT", "COMM"]))
    return case


def test_erasing_in_a_closed_year_keeps_the_published_figures(monitored):
    before = build("2021-22").as_dict()
    tally = erasure.erase_monitoring(monitored.children.get())
    assert not Monitoring.objects.exists()
    assert tally.gender == "female" and tally.received_month == date(2021, 6, 1)
    assert not hasattr(tally, "child") and not hasattr(tally, "case")
    assert build("2021-22").as_dict() == before


def test_erasing_in_the_current_year_just_deletes(record_complaint, settings):
    case = record_complaint(received_on=date.today())
    Monitoring.objects.create(child=case.children.get(), gender="male")
    assert erasure.erase_monitoring(case.children.get()) is None
    assert not Monitoring.objects.exists() and not ErasedMonitoring.objects.exists()


def test_the_page_is_for_those_allowed_to_see_equality_data(monitored, client, personas):
    url = reverse("case_equality", args=[monitored.reference])
    client.force_login(personas["officer"])
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("case_detail", args=[monitored.reference])).content.decode()
    client.force_login(personas["manager"])
    page = client.get(url)
    assert "Black Caribbean" in page.content.decode() or "Caribbean" in page.content.decode()
    assert url in client.get(reverse("case_detail", args=[monitored.reference])).content.decode()
    response = client.post(url, {"child": Child.objects.get(case=monitored).pk}, follow=True)
    assert "Equality monitoring erased" in response.content.decode()
    assert not Monitoring.objects.exists()
