"""The three public forms in Chromium, with JavaScript on and off, answered
right first time and after each kind of mistake; then the case (or the
compliment) is found by staff with the right channel, complainant and due
date. axe-core checks every page on the way; the keyboard alone can finish
each form.
"""

import pytest
import time_machine
from playwright.sync_api import expect

from complaints.casework.models import Case
from complaints.intake.models import Attachment
from complaints.records.models import Compliment
from tests.browser import public_forms as forms
from tests.browser.helpers import assert_no_axe_violations, sign_in

JS = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
MISTAKES = pytest.mark.parametrize("mistakes", [False, True], ids=["right-first-time", "mistakes"])


@pytest.fixture(autouse=True)
def attachments_dir(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"


@pytest.fixture
def on_friday():
    # tick=True: Playwright's own timeouts must still run.
    with time_machine.travel(forms.FRIDAY, tick=True):
        yield


@pytest.fixture
def public(browser, live_server):
    """A page in a fresh context with JavaScript on or off."""
    contexts = []

    def open_page(javascript=True):
        ctx = browser.new_context(base_url=live_server.url, bypass_csp=True,
                                  java_script_enabled=javascript)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield open_page
    for ctx in contexts:
        ctx.close()


def axe_when(javascript, mistakes):
    """axe-core on every page of the run that shows the most (every page, with
    and without its errors); it needs JavaScript."""
    return assert_no_axe_violations if javascript and mistakes else forms._nothing


def summary_value(page, key):
    row = page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=key)).first
    return row.locator("dd").first.inner_text().strip()


def staff_find_the_case(page, live_server, officer, reference, complainant, channel, relationship):
    """As an officer: find the case in the case list (unallocated, acknowledgement
    due 3 working days after Fri 16 Dec 2022), open it and check how it was
    received, who made it and when the response is due. Returns its page."""
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/cases/?q={reference}")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=reference))
    for text in (complainant, "Not allocated", "Acknowledge by Wed 21 Dec 2022"):
        expect(row).to_contain_text(text)
    with page.expect_navigation():
        row.get_by_role("link", name=reference).click()
    assert summary_value(page, "Received") == f"Friday 16 December 2022 by {channel}"
    assert summary_value(page, "Relationship to the child") == relationship
    response = page.locator("#stage-1 + dl .govuk-summary-list__row", has_text="Response")
    expect(response).to_contain_text("Due Wed 4 Jan 2023")
    return page


def go_through(public, live_server, journey, answer, javascript, mistakes, heading, **extra):
    """Start a form, answer it (making each kind of mistake first, if asked),
    send it and see the confirmation ``heading``; axe-core on every page of
    the run with mistakes and JavaScript. Returns the confirmation page."""
    page = public(javascript)
    check = axe_when(javascript, mistakes)
    forms.start(page, live_server, journey, check)
    answer(page, mistakes=mistakes, on_page=check, **extra)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    return page


@JS
@MISTAKES
def test_a_parent_complains_and_staff_find_the_case(public, live_server, personas, tmp_path,
                                                    on_friday, javascript, mistakes):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(forms.PDF)

    page = go_through(public, live_server, "complaint", forms.complaint, javascript, mistakes,
                      "Complaint sent", files=[letter])

    reference = forms.reference(page)
    expect(page.get_by_text(f"We will reply by {forms.REPLY_BY}.")).to_be_visible()
    expect(page.get_by_text("We have sent a receipt to sam@example.com.")).to_be_visible()

    staff_find_the_case(public(True), live_server, personas["officer"], reference, "Sam Taylor",
                        "online", "Parent or person with parental responsibility")
    case = Case.objects.get(reference=reference)
    assert case.attachments.get().name == "letter.pdf"
    assert Attachment.objects.count() == 1


@JS
@MISTAKES
def test_a_young_person_complains_and_staff_find_the_case(public, live_server, personas, on_friday,
                                                          javascript, mistakes):
    page = go_through(public, live_server, "young-people", forms.young_person, javascript,
                      mistakes, "We got your message")

    reference = forms.reference(page)
    expect(page.get_by_text(f"We will reply by {forms.REPLY_BY}.")).to_be_visible()

    staff = staff_find_the_case(public(True), live_server, personas["officer"], reference,
                                "Jo Green", "children's app", "Young person")
    assert summary_value(staff, "Advocacy").startswith("Offered 16 December 2022; accepted")


@JS
@MISTAKES
def test_a_carer_sends_a_compliment_and_staff_find_it(public, live_server, personas, on_friday,
                                                       javascript, mistakes):
    go_through(public, live_server, "compliment", forms.compliment, javascript, mistakes,
               "Compliment sent")

    staff = public(True)
    sign_in(staff, live_server, personas["officer"])
    staff.goto(f"{live_server.url}/compliments/")
    row = staff.get_by_role("row").filter(has_text="Fostering")
    expect(row).to_contain_text("Carer")
    # Nothing is published until an officer takes the names out and approves the words.
    expect(row).to_contain_text("Waiting for approval")
    row.get_by_role("link", name="Approve").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Approve a compliment for publishing")
    assert_no_axe_violations(staff)
    words = staff.get_by_label("Words to publish")
    expect(words).to_have_value("Teju listened to us every week.")
    words.fill("X listened to us every week.")
    staff.get_by_label("I have taken out every name", exact=False).check()
    staff.get_by_role("button", name="Save").click()
    row = staff.get_by_role("row").filter(has_text="Fostering")
    expect(row).to_contain_text("X listened to us every week.")
    expect(row).to_contain_text("Approved")
    compliment = Compliment.objects.get()
    assert compliment.consent_to_publish is True and compliment.approved_by == personas["officer"]


@pytest.mark.parametrize(("journey", "go", "heading"), [
    ("complaint", forms.keyboard_complaint, "Complaint sent"),
    ("young-people", forms.keyboard_young_person, "We got your message"),
    ("compliment", forms.keyboard_compliment, "Compliment sent"),
])
def test_each_form_can_be_finished_with_the_keyboard_alone(public, live_server, on_friday,
                                                            journey, go, heading):
    page = public(True)

    forms.keyboard_start(page, live_server, journey)
    go(page)

    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    if journey == "compliment":
        assert Compliment.objects.get().consent_to_publish is False
    else:
        assert Case.objects.get().officer is None


def test_a_saturday_complaint_says_when_counting_starts(public, live_server, db):
    from datetime import datetime

    with time_machine.travel(datetime(2023, 1, 7, 10, tzinfo=forms.LONDON), tick=True):
        page = public(False)
        forms.start(page, live_server, "complaint")
        forms.complaint(page)

    expect(page.get_by_text("We will reply by Monday 23 January 2023.")).to_be_visible()
    expect(page.get_by_text(
        "Because you sent this on a Saturday, we count from Monday 9 January 2023.")).to_be_visible()


def test_the_honeypot_is_hidden_from_people_and_the_keyboard(public, live_server, db):
    page = public(True)
    forms.start(page, live_server, "complaint")

    honeypot = page.locator("#id_website")
    expect(honeypot).to_be_hidden()
    page.get_by_label("Full name").focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") != "id_website"


def test_the_pages_that_refuse_a_form_pass_axe(public, live_server, settings, on_friday):
    settings.INTAKE_RATE_LIMIT = 1
    for _ in range(2):
        page = public(True)
        forms.start(page, live_server, "compliment")
        forms.compliment(page)
    expect(page.get_by_role("heading", name="Please try again later")).to_be_visible()
    assert_no_axe_violations(page)

    # A body that is not what its content type says: "Your answers could not be read".
    page.goto(f"{live_server.url}/complaint/about-you/")
    page.route("**/complaint/about-you/", lambda route: route.continue_(
        post_data="--nonsense",
        headers={**route.request.headers, "content-type": "multipart/form-data; boundary="}))
    forms.press(page, "Continue")
    expect(page.get_by_role("heading", name="Your answers could not be read")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_accessibility_statement_names_the_standard_and_the_public_forms(public, live_server, db):
    page = public(True)
    page.goto(f"{live_server.url}/accessibility/")

    expect(page.get_by_text("Web Content Accessibility Guidelines version 2.2 AA standard")).to_be_visible()
    expect(page.get_by_role("link", name="make a complaint")).to_be_visible()
    assert_no_axe_violations(page)
