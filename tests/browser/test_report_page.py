"""The annual report's staff pages in Chromium: choosing a report, the report
with its tables and charts (axe's WCAG 2.2 A and AA rules, at a desktop's and a
phone's width, and under the real Content-Security-Policy), a count leading
to the cases behind it, and a download."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from complaints.accounts.models import Team
from tests.browser.helpers import assert_no_axe_violations, sign_in

pytest.importorskip("complaints.reports.annual")

YEAR = "2022-23"


@pytest.fixture
def year_of_cases(team, other_team, record_complaint):
    """In 2022-23, seven complaints for one team, two for another (suppressed
    in the published edition) and six for a third; one in 2021-22."""
    third = Team.objects.exclude(pk__in=[team.pk, other_team.pk]).first()
    cases = [record_complaint(team=team, received_on=date(2022, 6 + n % 6, 1 + n)) for n in range(7)]
    cases += [record_complaint(team=other_team, received_on=date(2022, 10, 3 + n)) for n in range(2)]
    cases += [record_complaint(team=third, received_on=date(2022, 11, 1 + n)) for n in range(6)]
    cases.append(record_complaint(team=team, received_on=date(2021, 9, 9)))
    return cases


def _open_report(page, live_server, user, *, edition=None):
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/reports/")
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    page.get_by_label("Financial year").select_option(YEAR)
    if edition:
        page.get_by_label(edition).check()
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Annual complaints and compliments report {YEAR}")
    page.wait_for_load_state("load")  # its stylesheet and charts too


def test_a_manager_chooses_the_internal_edition_and_reads_it(page, live_server, personas, year_of_cases):
    sign_in(page, live_server, personas["manager"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()

    _open_report(page, live_server, personas["manager"], edition="Internal: every count, for managers only")

    assert "edition=internal" in page.url
    teams = page.get_by_role("table", name="Complaints by team")
    expect(teams.get_by_role("row", name="Fostering")).to_contain_text("2")
    chart = page.get_by_role("img", name="Bar chart of complaints by team", exact=False)
    expect(chart).to_have_count(1)
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    assert_no_axe_violations(page)


def test_the_published_edition_suppresses_small_counts(page, live_server, personas, year_of_cases, settings):
    # By default only the tables about people are suppressed; a council's policy may add
    # the teams table (REPORT_SUPPRESSED_TABLES), and then its small counts are hidden.
    settings.REPORT_SUPPRESSED_TABLES = [*settings.REPORT_SUPPRESSED_TABLES, "teams"]
    _open_report(page, live_server, personas["reports"])

    row = page.get_by_role("table", name="Complaints by team").get_by_role("row", name="Fostering")
    expect(row).to_contain_text("[c]")
    expect(page.get_by_text("Suppressed: a count from 1 to 5", exact=False).first).to_be_visible()
    assert_no_axe_violations(page)


def test_a_count_leads_to_the_cases_behind_it(page, live_server, personas, team, year_of_cases):
    # The internal edition's figures link to their cases (the published edition's, which
    # an officer sees, link to none: tests/reports/test_report_drill_down.py).
    _open_report(page, live_server, personas["manager"], edition="Internal: every count, for managers only")

    page.get_by_role("table", name="Complaints by team").get_by_role(
        "link", name=f"7 cases: {team.name}, {YEAR}").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/cases/" in page.url and f"year={YEAR}" in page.url
    references = {case.reference for case in year_of_cases[:7]}
    body = page.locator("main").inner_text()
    assert all(reference in body for reference in references)
    assert year_of_cases[-1].reference not in body  # 2021-22's
    assert year_of_cases[7].reference not in body  # another team's


def test_a_download_is_the_file_asked_for(page, live_server, personas, year_of_cases):
    _open_report(page, live_server, personas["head"])

    with page.expect_download() as download:
        page.get_by_role("link", name="Word document (DOCX)").click()

    assert download.value.suggested_filename == f"annual-complaints-report-{YEAR}-published.docx"


def test_the_report_fits_a_phones_width(page, live_server, personas, year_of_cases):
    page.set_viewport_size({"width": 320, "height": 640})
    _open_report(page, live_server, personas["reports"])

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the report scrolls sideways by {overflow}px at 320px wide (WCAG 1.4.10)"
    assert_no_axe_violations(page)


def test_the_charts_and_styles_load_under_the_content_security_policy(
        browser, live_server, personas, year_of_cases):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    try:
        _open_report(page, live_server, personas["reports"])

        images = page.locator("figure img")
        assert images.count() >= 3
        assert images.evaluate_all("imgs => imgs.every(img => img.complete && img.naturalWidth > 0)")
        # report.css applies: the total row is bold.
        weight = page.locator(".app-report-table__total th").first.evaluate(
            "th => getComputedStyle(th).fontWeight")
        assert weight == "700"
        assert problems == []
    finally:
        context.close()


def test_the_standalone_web_page_download_passes_axe(page, live_server, personas, year_of_cases):
    _open_report(page, live_server, personas["reports"])
    with page.expect_download() as download:
        page.get_by_role("link", name="Web page (HTML)").click()

    page.set_content(Path(download.value.path()).read_text(encoding="utf-8"))

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Annual complaints and compliments report {YEAR}")
    assert page.locator("figure img").count() >= 3
    assert_no_axe_violations(page)
