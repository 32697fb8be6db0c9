"""The reports' staff pages: choosing a year and edition, the annual report
as a page, and its downloads, each audited. Who may see which edition is the
permission matrix's job too; here, what each page shows and does."""

import json
from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry

pytest.importorskip("complaints.reports.annual")


@pytest.fixture
def signed_in(client, personas):
    def sign_in(role):
        client.force_login(personas[role])
        return client

    return sign_in


# -- Choosing a report ----------------------------------------------------------------


def test_the_years_offered_run_from_the_earliest_case_to_this_one(signed_in, record_complaint, frozen):
    record_complaint(received_on=date(2020, 5, 1))

    page = signed_in("reports").get(reverse("reports_index"))

    choices = [value for value, _ in page.context["form"].fields["year"].choices]
    assert choices == ["2022-23", "2021-22", "2020-21"]
    assert page.context["form"].initial["year"] == "2021-22"  # the last complete year
    assert "April 2021 to March 2022" in page.content.decode()


def test_only_managers_and_administrators_choose_the_internal_edition(signed_in):
    assert "edition" not in signed_in("officer").get(reverse("reports_index")).context["form"].fields
    page = signed_in("manager").get(reverse("reports_index"))
    assert "edition" in page.context["form"].fields
    assert "Internal: every count, for managers only" in page.content.decode()


def test_choosing_opens_the_report(signed_in, frozen):
    response = signed_in("manager").get(reverse("reports_index"),
                                        {"year": "2022-23", "edition": "internal"})

    assert response.status_code == 302
    assert response["Location"] == reverse("report_annual", args=["2022-23"]) + "?edition=internal"


def test_a_year_that_is_not_offered_is_a_govuk_error(signed_in, frozen):
    page = signed_in("officer").get(reverse("reports_index"), {"year": "1999-00"})

    assert page.status_code == 200
    assert "Select a financial year" in page.content.decode()
    assert page.content.decode().count("govuk-error-summary") >= 1


# -- The report page ------------------------------------------------------------------


def test_the_report_page_shows_the_published_edition(
        signed_in, record_complaint, team, django_assert_max_num_queries):
    for _ in range(6):
        record_complaint(team=team, received_on=date(2022, 9, 9))
    client = signed_in("reports")

    with django_assert_max_num_queries(75):  # the builder: one query per figure and year
        page = client.get(reverse("report_annual", args=["2022-23"]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Annual complaints and compliments report 2022-23" in text
    assert "Published edition: in the tables about who complained, advocacy, age and gender" in text
    assert f'href="{reverse("case_list")}?' not in text  # published figures list no cases
    assert 'alt="Bar chart of complaints by team, 2022-23 and 2021-22: Intervention and Support Service 6 and 0."' in text
    assert reverse("report_annual_download", args=["2022-23", "docx"]) + "?edition=published" in text
    assert "Change the paragraph" not in text  # report viewers do not write it


def test_managers_see_the_internal_edition_and_may_write_the_paragraphs(signed_in, record_complaint):
    record_complaint(received_on=date(2022, 9, 9))

    page = signed_in("manager").get(reverse("report_annual", args=["2022-23"]), {"edition": "internal"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "Internal edition: every count, not for publication" in text
    assert reverse("report_section", args=["2022-23", "totals"]) in text
    assert reverse("report_figures", args=["2022-23"]) in text


def test_the_internal_edition_is_refused_to_others(signed_in):
    for role in ("officer", "head", "reports"):
        page = signed_in(role).get(reverse("report_annual", args=["2022-23"]), {"edition": "internal"})
        assert page.status_code == 403, role


@pytest.mark.parametrize("year", ["2022", "2022-24", "twenty"])
def test_a_year_that_is_not_a_financial_year_is_not_found(signed_in, year):
    assert signed_in("officer").get(reverse("report_annual", args=[year])).status_code == 404


def test_an_unknown_edition_is_not_found(signed_in):
    page = signed_in("manager").get(reverse("report_annual", args=["2022-23"]), {"edition": "draft"})
    assert page.status_code == 404


def test_a_year_written_in_full_is_the_same_report(signed_in):
    page = signed_in("officer").get(reverse("report_annual", args=["2022-2023"]))
    assert "Annual complaints and compliments report 2022-23" in page.content.decode()


def test_the_quarterly_report_page_and_its_downloads(signed_in):
    client = signed_in("head")
    index = client.get(reverse("reports_index")).content.decode()
    assert reverse("report_quarterly", args=["2026-27-Q1"]) in index or "Q1" in index
    page = client.get(reverse("report_quarterly", args=["2022-23-Q3"]))
    assert page.status_code == 200
    assert "Quarterly complaints report 2022-23 Q3" in page.content.decode()
    download = client.get(reverse("report_quarterly_download", args=["2022-23-Q3", "xlsx"]))
    assert download.status_code == 200 and download.content.startswith(b"PK")
    assert client.get(reverse("report_quarterly", args=["2022-23-Q5"])).status_code == 404


# -- Downloads --------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "content_type", "starts"), [
    ("json", "application/json", b"{"),
    ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("pdf", "application/pdf", b"%PDF"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
])
def test_each_download_is_an_attachment_and_is_audited(signed_in, personas, fmt, content_type, starts):
    response = signed_in("head").get(reverse("report_annual_download", args=["2022-23", fmt]))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="annual-complaints-report-2022-23-published.{fmt}"')
    assert response.content.startswith(starts)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.user == personas["head"]
    assert entry.detail == f"Annual report 2022-23 published {fmt}"


def test_the_json_download_is_the_report_asked_for(signed_in, record_complaint):
    record_complaint(received_on=date(2022, 9, 9))

    response = signed_in("manager").get(reverse("report_annual_download", args=["2022-23", "json"]),
                                        {"edition": "internal"})

    data = json.loads(response.content)
    assert (data["year"], data["edition"]) == ("2022-23", "internal")
    assert next(t for t in data["tables"] if t["id"] == "totals")["rows"][1]["values"] == [1, 0]
    assert AuditEntry.objects.get(action=AuditEntry.Action.EXPORT).detail == "Annual report 2022-23 internal json"


def test_an_unknown_format_is_not_found_and_not_audited(signed_in):
    response = signed_in("officer").get(reverse("report_annual_download", args=["2022-23", "csv"]))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_an_internal_download_is_refused_to_others_and_not_audited(signed_in):
    response = signed_in("reports").get(reverse("report_annual_download", args=["2022-23", "pdf"]),
                                        {"edition": "internal"})

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()
