"""An officer records a complaint and sees when the response is due.

9 September 2022 + 10 working days: the weekends and Monday 19 September
(the State Funeral of Queen Elizabeth II, a one-off bank holiday) do not
count, so the Stage 1 response is due Monday 26 September 2022, not Friday 23.
"""

import re

import pytest
from playwright.sync_api import expect

from complaints.casework.models import Case
from tests.browser.helpers import PASSWORD, assert_no_axe_violations, sign_in

DUE = "Due Mon 26 Sep 2022"


def tab_to(page, target, most=80):
    """Press Tab until ``target`` has focus, as a keyboard user would.

    Fails if it is never reached: the control is not keyboard-operable, or
    comes before the one that has focus now in the tab order.
    """
    handle = target.element_handle()
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return
    raise AssertionError(f"Tab never reached {target}")


def response_row(page, stage=1):
    """The Response row of a stage's due dates."""
    heading = page.get_by_role("heading", name=f"Stage {stage}", exact=True, level=3)
    due_dates = heading.locator("xpath=following-sibling::dl[1]")
    response = page.locator("dt", has_text="Response")
    return due_dates.locator(".govuk-summary-list__row", has=response)


def test_an_officer_records_a_complaint_with_the_keyboard_and_sees_the_due_date(
    page, live_server, personas
):
    # Sign in: type, Tab, type, Enter.
    page.goto(f"{live_server.url}/sign-in/")
    tab_to(page, page.get_by_label("Username", exact=True))
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_to(page, page.get_by_role("link", name="Record a complaint"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Record a complaint or enquiry")).to_be_visible()

    form = page.locator("main form")
    tab_to(page, form.get_by_role("radio", name="Complaint", exact=True))
    page.keyboard.press("Space")
    tab_to(page, form.get_by_role("radio", name="Statutory (Children Act 1989)"))
    page.keyboard.press("Space")

    received = form.get_by_role("group", name="Date received")
    tab_to(page, received.get_by_label("Day"))
    page.keyboard.type("9")
    page.keyboard.press("Tab")  # the date's parts follow each other
    page.keyboard.type("9")
    page.keyboard.press("Tab")
    page.keyboard.type("2022")

    channel = form.get_by_label("How it was received")
    tab_to(page, channel)
    page.keyboard.type("Email")  # a closed <select> picks the option you type
    assert channel.locator("option:checked").inner_text() == "Email"
    team = form.get_by_label("Team it is about (optional)")
    tab_to(page, team)
    page.keyboard.type("Intervention")
    assert team.locator("option:checked").inner_text() == "Intervention and Support Service"

    tab_to(page, form.get_by_label("What happened"))
    page.keyboard.type("Nobody returned Ms Taylor's calls about the child in need plan.")

    tab_to(page, form.get_by_label("Full name", exact=True))
    page.keyboard.type("Sam Taylor")
    tab_to(page, form.get_by_role("radio", name="Parent or person with parental responsibility"))
    page.keyboard.press("Space")

    tab_to(page, form.get_by_role("group", name="Child 1").get_by_label("Child's full name"))
    page.keyboard.type("Alex Taylor")

    point = form.get_by_role("group", name="Point 1", exact=True)
    tab_to(page, point.get_by_label("What the point is about"))
    page.keyboard.type("Calls not returned")
    tab_to(page, point.get_by_label("Theme"))
    page.keyboard.type("Lack of communication")
    theme = point.get_by_label("Theme").locator("option:checked")
    assert theme.inner_text() == "Lack of communication"

    tab_to(page, form.get_by_role("button", name="Record it"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    case = Case.objects.get()
    assert page.url.endswith(f"/cases/{case.reference}/")
    banner = page.get_by_role("alert")
    expect(banner.get_by_text(f"Complaint {case.reference} recorded")).to_be_visible()
    assert case.team.name == "Intervention and Support Service"
    assert case.channel.name == "Email"
    assert case.officer is None

    row = response_row(page)
    assert DUE in row.inner_text()
    explanation = row.locator(".govuk-details__text")
    expect(explanation).to_be_hidden()
    tab_to(page, row.locator("summary"))
    page.keyboard.press("Enter")
    expect(explanation).to_be_visible()
    funeral = "Mon 19 Sep (Bank holiday: State Funeral of Queen Elizabeth II)"
    assert funeral in explanation.inner_text()
    assert explanation.inner_text().endswith("Due Mon 26 Sep 2022.")
    assert_no_axe_violations(page)


@pytest.fixture
def page_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_signing_in_and_recording_a_complaint_work_without_javascript(
    page_without_javascript, live_server, personas
):
    page = page_without_javascript
    landing = sign_in(page, live_server, personas["officer"])
    assert landing.status == 200
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")

    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()

    form = page.locator("main form")
    form.get_by_role("radio", name="Complaint", exact=True).check()
    form.get_by_role("radio", name="Statutory (Children Act 1989)").check()
    received = form.get_by_role("group", name="Date received")
    received.get_by_label("Day").fill("9")
    received.get_by_label("Month").fill("9")
    received.get_by_label("Year").fill("2022")
    form.get_by_label("How it was received").select_option(label="Letter")
    form.get_by_label("Team it is about (optional)").select_option(
        label="Intervention and Support Service")
    form.get_by_label("What happened").fill("The review meeting was cancelled twice.")
    form.get_by_label("Full name", exact=True).fill("Sam Taylor")
    form.get_by_role("radio", name="Foster carer").check()
    form.get_by_role("group", name="Child 1").get_by_label("Child's full name").fill("Alex Taylor")
    point = form.get_by_role("group", name="Point 1", exact=True)
    point.get_by_label("What the point is about").fill("Meetings cancelled")
    point.get_by_label("Theme").select_option(label="Delay in providing a service")
    with page.expect_navigation() as recorded:
        form.get_by_role("button", name="Record it").click()

    assert recorded.value.status == 200
    assert re.search(r"/cases/COM-2022-\d{4}/$", page.url)
    row = response_row(page)
    assert DUE in row.inner_text()
    row.locator("summary").click()  # <details> opens without JavaScript
    assert "Mon 19 Sep" in row.locator(".govuk-details__text").inner_text()
