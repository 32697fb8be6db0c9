"""Staff input never makes a server error: a bad value is a GOV.UK form error
(error summary and field error) or a 404, never a 500.

First the inputs an attacker found (issue #18), then generated strings and
integers sent to every staff page's query parameters and forms' fields, signed
in as an administrator and as an officer."""

from datetime import date

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.casework.models import Monitoring


@pytest.fixture
def admin_client(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas["admin"])
    return client


def is_govuk_error(response, message: str) -> bool:
    text = response.content.decode()
    return (response.status_code == 200 and "govuk-error-summary" in text
            and "govuk-error-message" in text and message in text)


# -- What the attacker sent ------------------------------------------------------------


def test_erasing_the_monitoring_of_a_child_that_is_not_a_number_is_not_found(admin_client, record_complaint):
    case = record_complaint(received_on=date(2022, 9, 9))
    Monitoring.objects.create(child=case.children.get(), gender="female")

    response = admin_client.post(reverse("case_equality", args=[case.reference]), {"child": "abc"})

    assert response.status_code == 404
    assert Monitoring.objects.count() == 1


@pytest.mark.parametrize("year", ["9999-00", "0001-02"])
@pytest.mark.parametrize("page", [
    lambda year: reverse("report_annual", args=[year]),
    lambda year: reverse("report_annual", args=[year]) + "?edition=internal",
    lambda year: reverse("report_annual_download", args=[year, "json"]),
    lambda year: reverse("report_quarterly", args=[f"{year}-Q1"]),
    lambda year: reverse("report_quarterly_download", args=[f"{year}-Q4", "json"]),
    lambda year: reverse("report_figures", args=[year]),
    lambda year: reverse("report_section", args=[year, "summary"]),
])
def test_a_reporting_year_out_of_the_calendar_is_not_found(admin_client, page, year):
    assert admin_client.get(page(year)).status_code == 404


@pytest.mark.parametrize("year", ["9999-00", "0001-02"])
def test_the_report_choice_refuses_a_year_out_of_the_calendar(admin_client, year):
    response = admin_client.get(reverse("reports_index"), {"year": year, "edition": "published"})

    assert is_govuk_error(response, "Select a financial year")


@pytest.mark.parametrize("year", ["9999-00", "0001-02"])
def test_the_case_list_for_a_year_out_of_the_calendar_lists_nothing(admin_client, record_complaint, year):
    record_complaint(received_on=date(2022, 9, 9))

    response = admin_client.get(reverse("case_list"), {"year": year})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


def test_a_due_date_beyond_the_calendar_is_a_form_error(admin_client):
    response = admin_client.get(reverse("calculator"), {
        "start_day": "31", "start_month": "12", "start_year": "9999", "days": "500", "procedure": "statutory"})

    assert is_govuk_error(response, "Enter a start date early enough for the due date to be a real date")
    assert response.context["due"] is None


# -- Generated input to every staff page ----------------------------------------------------

# Pages that are not staff forms or lists: signing out ends the session the
# rest need; the admin site is Django's own.
LEFT_OUT = ("admin/", "sign-out/")

# The query parameters the list, report and calculator pages read, besides
# each page's own form fields.
PARAMETERS = ["year", "edition", "page", "q", "kind", "status", "team", "stage", "officer", "overdue",
              "channel", "theme", "stage1_outcome", "response_band", "reached_stage",
              "start_day", "start_month", "start_year", "days", "procedure", "child"]

values = st.one_of(st.text(max_size=12), st.integers(min_value=-10**12, max_value=10**12).map(str),
                   st.sampled_from(["", "0", "-1", "9999-00", "0001-02", "2022-23", "31", "12", "9999", "abc"]))


def staff_urls(case) -> list[str]:
    """Every URL pattern, its parameters filled with a real case, year and quarter."""
    filled = {"reference": case.reference, "year": "2022-23", "quarter": "2022-23-Q3", "fmt": "json",
              "section_id": "summary", "action": "respond"}
    urls = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(LEFT_OUT):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                kwargs = {name: filled.get(name, "1") for name in pattern.pattern.converters}
                try:
                    urls.append(reverse(pattern.name, kwargs=kwargs))
                except NoReverseMatch:  # a pattern whose parameters these values cannot fill
                    continue

    walk(get_resolver().url_patterns)
    return sorted(set(urls))


def form_fields(response) -> list[str]:
    """The names of the fields of the page's forms (from its context)."""
    names = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            if hasattr(value, "fields") and hasattr(value, "add_prefix"):
                for name, field in value.fields.items():
                    widget = getattr(field, "widget", None)
                    parts = getattr(widget, "widgets_names", None)
                    names += [value.add_prefix(name) + part for part in parts] if parts else [value.add_prefix(name)]
    return sorted(set(names))


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_generated_input_to_every_staff_page_never_makes_a_server_error(role, personas, record_complaint):
    case = record_complaint(received_on=date(2022, 9, 9), officer=personas["officer"])
    client = Client(raise_request_exception=False)
    client.force_login(personas[role])
    pages = {url: form_fields(client.get(url)) for url in staff_urls(case)}
    assert len(pages) > 30

    # Four examples a page on average, so the test runs in well under a minute.
    @settings(max_examples=len(pages) * 4, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def send(data):
        url = data.draw(st.sampled_from(sorted(pages)))
        keys = data.draw(st.lists(st.sampled_from(sorted(set(PARAMETERS) | set(pages[url]))), max_size=6))
        query = {key: data.draw(values) for key in keys}
        response = client.post(url, query) if pages[url] and data.draw(st.booleans()) else client.get(url, query)
        assert response.status_code != 500, (url, query)

    send()
