"""Entering earlier years' figures and the service population, and writing a
section's paragraph, with its unknown numbers flagged."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.reports.annual import build
from complaints.reports.models import EnteredFigure, SectionText, ServicePopulation


@pytest.fixture
def manager_client(client, personas):
    client.force_login(personas["manager"])
    return client


def _field(response, label):
    form = response.context["form"]
    return next(field.name for _title, fields in form.tables for field, _t, row in fields
                if field.label == label and _t == "totals")


def test_earlier_figures_are_entered_and_used_by_the_report(manager_client, record_complaint):
    record_complaint(received_on=date(2021, 6, 1))
    url = reverse("report_figures", args=["2020-21"])
    page = manager_client.get(url)
    assert page.status_code == 200
    data = {_field(page, "Stage 1"): "87", _field(page, "Enquiries"): "76", "children": "4100"}
    response = manager_client.post(url, data)
    assert response.status_code == 302
    assert EnteredFigure.objects.get(year="2020-21", table_id="totals", row="Stage 1").value == 87
    assert ServicePopulation.objects.get(year="2020-21").children == 4100
    assert AuditEntry.objects.filter(detail="Report figures entered for 2020-21").exists()
    totals = build("2021-22").table("totals")
    assert totals.row("Stage 1").values == [1, 87]
    assert totals.sources["2020-21"] == "entered"
    # Emptying a box removes the figure.
    manager_client.post(url, {_field(page, "Stage 1"): "", "children": ""})
    assert not EnteredFigure.objects.filter(year="2020-21", row="Stage 1").exists()


def test_a_figure_that_is_not_a_number_is_a_govuk_error(manager_client):
    url = reverse("report_figures", args=["2020-21"])
    page = manager_client.get(url)
    response = manager_client.post(url, {_field(page, "Stage 1"): "eighty"})
    assert "Enquiries and complaints at each stage, Stage 1: enter a number, like 12" in response.content.decode()
    assert not EnteredFigure.objects.exists()


def test_a_paragraph_with_a_number_that_is_no_figure_is_saved_and_flagged(manager_client, record_complaint):
    record_complaint(received_on=date(2021, 6, 1))
    url = reverse("report_section", args=["2021-22", "totals"])
    assert "went through Stage 1" in manager_client.get(url).content.decode()
    response = manager_client.post(url, {"text": "We received 1 complaint, 3 fewer than last year."}, follow=True)
    assert SectionText.objects.get(year="2021-22", section="totals").text.startswith("We received 1")
    assert "held back from the report until its numbers match the figures" in response.content.decode()
    assert "“3” is not a figure of this section." in response.content.decode()
    report = build("2021-22")
    assert next(s for s in report.sections if s.id == "totals").flagged_numbers == ["3"]


def test_an_unknown_year_or_section_is_not_found(manager_client):
    assert manager_client.get(reverse("report_section", args=["2021-22", "nonsense"])).status_code == 404
    assert manager_client.get("/reports/figures/last-year/").status_code == 404


def test_flagged_text_blocks_publishing_with_a_page_listing_each_problem(manager_client, record_complaint):
    record_complaint(received_on=date(2021, 6, 1))
    SectionText.objects.create(year="2021-22", section="totals", text="We received 4 complaints.")
    url = reverse("report_annual_download", args=["2021-22", "docx"])
    response = manager_client.get(url + "?edition=published")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Put these problems right before publishing" in page
    assert "“4 complaints”: the figure is 1 in 2021-22." in page
    # Put right, it publishes; the internal edition (for managers) is never held back.
    SectionText.objects.filter(section="totals").update(text="We received 1 complaint.")
    assert manager_client.get(url + "?edition=published").status_code == 200
