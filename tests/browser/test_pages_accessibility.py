"""axe-core's WCAG 2.2 A and AA rules on every page, in the states people see:
empty and full, with filters, with errors, with the explanations open.

Also: the pages under the real Content-Security-Policy (GOV.UK Frontend's
JavaScript must still start) and at a phone's width.
"""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from complaints.casework import services
from tests.browser.helpers import assert_no_axe_violations, error_summary, sign_in


def _received_for_due_soon() -> date:
    """A received date whose Stage 1 response falls due within the next few working days."""
    cal = services.calendar("statutory")
    today = services.today()
    received = today
    while cal.add_working_days(received, 10) > cal.add_working_days(today, 2):
        received -= timedelta(days=1)
    return received


@pytest.fixture
def caseload(personas, team, other_team, record_complaint):
    """Overdue, due soon, open and unallocated cases; most of them the officer's."""
    officer = personas["officer"]
    return {
        "overdue": record_complaint(team=team, officer=officer, received_on=date(2022, 9, 9)),
        "due_soon": record_complaint(
            team=team, officer=officer, received_on=_received_for_due_soon(),
            complainant="Priya Shah", child="Dev Shah"),
        "open": record_complaint(
            team=other_team, officer=officer, received_on=services.today(),
            complainant="Jo Brown", child=None),
        "unallocated": record_complaint(
            team=None, received_on=services.today(), complainant="Kim Lee", child="Ash Lee"),
        "enquiry": record_complaint(
            kind="enquiry", procedure="", team=other_team, complainant="Lou Green"),
    }


def test_the_sign_in_page_passes_axe(page, live_server):
    page.goto(f"{live_server.url}/sign-in/")

    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    assert_no_axe_violations(page)


def test_the_accessibility_statement_is_linked_from_the_footer_and_passes_axe(page, live_server):
    page.goto(f"{live_server.url}/sign-in/")

    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()

    page.wait_for_url(re.compile(r"/accessibility/$"))
    assert page.get_by_role("heading", level=1).count() == 1
    assert_no_axe_violations(page)


def test_my_work_passes_axe_with_overdue_due_soon_and_unallocated_cases(
    page, live_server, personas, caseload
):
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/my-work/")

    for caption in ("Overdue", "Due soon", "My open cases", "Not yet allocated"):
        expect(page.get_by_role("table", name=caption, exact=True)).to_be_visible()
    overdue = page.get_by_role("table", name="Overdue", exact=True)
    expect(overdue.get_by_role("link", name=caseload["overdue"].reference)).to_be_visible()
    due_soon = page.get_by_role("table", name="Due soon")
    expect(due_soon.get_by_role("link", name=caseload["due_soon"].reference)).to_be_visible()
    unallocated = page.get_by_role("table", name="Not yet allocated")
    expect(unallocated.get_by_role("link", name=caseload["unallocated"].reference)).to_be_visible()
    assert_no_axe_violations(page)
    page.screenshot(path="/tmp/my_work.png", full_page=True)


def test_my_work_passes_axe_when_there_is_nothing_to_do(page, live_server, personas):
    sign_in(page, live_server, personas["responding"])
    page.goto(f"{live_server.url}/my-work/")

    expect(page.get_by_text("Nothing of yours is overdue.")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_case_list_passes_axe_with_and_without_filters(page, live_server, personas, caseload):
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_text("5 cases", exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Reference or name").fill("Taylor")
    page.get_by_label("Kind").select_option(label="Complaint")
    page.get_by_label("Status").select_option(label="Open")
    page.get_by_label("Team").select_option(label="Intervention and Support Service")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply filters").click()

    page.wait_for_url(re.compile(r"overdue=on"))
    expect(page.get_by_text("1 case", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=caseload["overdue"].reference)).to_be_visible()
    # The filters keep their values, so people can see what they asked for.
    assert page.get_by_label("Reference or name").input_value() == "Taylor"
    assert page.get_by_label("Overdue only").is_checked()
    assert_no_axe_violations(page)

    page.get_by_label("Reference or name").fill("Nobody at all")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_text("No cases match these filters.").wait_for()
    assert_no_axe_violations(page)


def test_the_case_list_passes_axe_on_its_second_page(page, live_server, personas, record_complaint):
    for n in range(26):
        record_complaint(complainant=f"Person {n:02d}", child=None)
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/?kind=complaint")

    pagination = page.get_by_role("navigation", name="Pagination")
    pagination.get_by_role("link", name="Next page").click()

    page.wait_for_url(re.compile(r"page=2"))
    assert "kind=complaint" in page.url
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_case_detail_passes_axe_with_the_date_explanations_open(
    page, live_server, personas, caseload
):
    case = caseload["overdue"]
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/{case.reference}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(case.reference)

    summaries = page.locator("summary", has_text="How this date was worked out")
    assert summaries.count() >= 1
    for i in range(summaries.count()):
        summaries.nth(i).click()
    details = page.locator("details.govuk-details")
    for i in range(details.count()):
        assert details.nth(i).get_attribute("open") is not None
    expect(page.get_by_text(re.compile(r"Mon 19 Sep \(Bank holiday")).first).to_be_visible()
    assert_no_axe_violations(page)
    page.evaluate("document.activeElement.blur()")
    page.screenshot(path="/tmp/case_detail.png", full_page=True)


def test_an_enquiry_detail_page_passes_axe(page, live_server, personas, caseload):
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/{caseload['enquiry'].reference}/")

    assert page.get_by_role("heading", level=1).inner_text().startswith("ENQ-")
    assert_no_axe_violations(page)


def test_an_unknown_case_reference_shows_a_page_not_found_that_passes_axe(
    page, live_server, personas
):
    sign_in(page, live_server, personas["officer"])
    response = page.goto(f"{live_server.url}/cases/COM-1999-0001/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    assert_no_axe_violations(page)


def test_the_record_a_complaint_form_passes_axe_empty_and_with_every_error(
    page, live_server, personas
):
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/new/")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Record it").click()

    summary = error_summary(page)
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    for message in ("Select whether this is a complaint or an enquiry", "Enter the date received",
                    "Select how it was received", "Enter what happened",
                    "Enter the complainant's full name"):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    assert_no_axe_violations(page)


def test_the_due_date_calculator_passes_axe_with_a_result_and_with_errors(
    page, live_server, personas
):
    sign_in(page, live_server, personas["officer"])
    page.goto(
        f"{live_server.url}/due-dates/"
        "?start_day=16&start_month=12&start_year=2022&days=10&procedure=statutory"
    )

    expect(page.get_by_role("heading", name="Due Wednesday 4 January 2023")).to_be_visible()
    assert "Tue 27 Dec (Bank holiday" in page.locator("#explanation").inner_text()
    assert_no_axe_violations(page)

    page.get_by_label("Working days").fill("ten")
    page.get_by_role("button", name="Work out the date").click()
    page.locator(".govuk-error-summary").wait_for()
    expect(page.get_by_text("Working days must be a whole number, like 10").first).to_be_visible()
    assert_no_axe_violations(page)


def test_the_audit_log_passes_axe_for_an_administrator(page, live_server, personas, caseload):
    reference = caseload["overdue"].reference
    sign_in(page, live_server, personas["admin"])
    page.goto(f"{live_server.url}/cases/{reference}/")
    page.goto(f"{live_server.url}/audit/")

    expect(page.get_by_role("cell", name=reference).first).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Record").fill(reference)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"record="))
    expect(page.get_by_role("cell", name=reference).first).to_be_visible()
    assert_no_axe_violations(page)


# -- Under the real Content-Security-Policy, and on a phone ---------------------------------


@pytest.fixture
def strict_page(browser, live_server):
    """A page that obeys the site's Content-Security-Policy (no bypass), and
    collects everything the browser complains about."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def test_govuk_frontend_starts_under_the_content_security_policy(
    strict_page, live_server, personas
):
    page = strict_page
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/new/")

    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    page.get_by_role("button", name="Record it").click()
    page.locator(".govuk-error-summary").wait_for()
    # GOV.UK Frontend's error summary takes focus, so screen readers start there.
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('govuk-error-summary')"
    )
    page.locator(".govuk-error-summary").get_by_role("link", name="Enter what happened").click()
    assert page.evaluate("document.activeElement.name") == "summary"
    assert page.problems == []


def test_the_menu_collapses_behind_a_button_on_a_phone(strict_page, live_server, personas):
    page = strict_page
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server, personas["officer"])

    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Due date calculator")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Due date calculator").click()
    page.wait_for_url(re.compile(r"/due-dates/$"))
    assert page.problems == []


@pytest.mark.parametrize("path", ["/sign-in/", "/cases/new/", "/due-dates/"])
def test_forms_reflow_without_sideways_scrolling_at_320_pixels(page, live_server, personas, path):
    page.set_viewport_size({"width": 320, "height": 640})
    if path != "/sign-in/":
        sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}{path}")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide (WCAG 1.4.10)"


@pytest.mark.parametrize("action", ["acknowledge", "allocate", "extend", "respond", "withdraw"])
def test_each_case_action_page_passes_axe_empty_and_with_errors(page, live_server, personas, caseload, action):
    case = caseload["overdue"]
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/cases/{case.reference}/{action}/")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Save").click()

    error_summary(page)
    assert_no_axe_violations(page)


def test_the_retention_review_selects_a_group_and_shows_a_refusal_accessibly(
        page, live_server, personas, record_complaint):
    from complaints.casework import procedure

    for received in (date(2018, 5, 1), date(2018, 6, 1)):
        case = record_complaint(received_on=received)
        procedure.respond(case, on=received + timedelta(days=14),
                          findings={p.pk: "upheld" for p in case.points.all()}, by=personas["officer"])
    sign_in(page, live_server, personas["manager"])
    page.goto(f"{live_server.url}/retention/")
    expect(page.get_by_role("heading", name="Retention review", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Select all 2 records").click()
    expect(page.get_by_role("checkbox", checked=True)).to_have_count(2)
    page.get_by_role("button", name="Destroy the selected records").click()
    expect(error_summary(page)).to_contain_text("Confirm that the selected records should be destroyed")
    expect(page.get_by_role("checkbox", name=re.compile("^COM-"), checked=True)).to_have_count(2)
    assert_no_axe_violations(page)
