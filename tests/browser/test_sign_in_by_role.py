"""Each role signs in through the real form and sees exactly the pages it may use.

The expected navigation is written out per role, as a specification, rather
than derived from ROLE_ACTIONS: if the role table changes, this file must be
changed on purpose too.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_no_axe_violations, nav_labels, sign_in

CASEWORK = ["My work", "Cases", "Due date calculator"]

# role -> (the navigation, in order; a page the role may not open, or None)
SPEC = {
    "officer": (["My work", "Cases", "Record a complaint", "Due date calculator", "Records", "Reports"],
                "/audit/"),
    "manager": (["My work", "Cases", "Record a complaint", "Due date calculator", "Records", "Reports",
                 "Import and export", "Subject access"],
                "/admin/"),
    "responding": (CASEWORK, "/records/"),
    "head": (CASEWORK + ["Records", "Reports"], "/cases/new/"),
    "reports": (["Records", "Reports"], "/my-work/"),
    "admin": (
        ["My work", "Cases", "Record a complaint", "Due date calculator", "Records", "Reports",
         "Import and export", "Subject access", "Audit log", "Reference data"],
        None,
    ),
}

# Pages already checked with axe, by (path, navigation): officers and managers,
# say, get the same markup, so axe need not read it twice.
_axe_checked = set()


def _axe_once(page):
    key = (page.url.split("/", 3)[-1], tuple(nav_labels(page)))
    if key not in _axe_checked:
        assert_no_axe_violations(page)
        _axe_checked.add(key)


@pytest.mark.parametrize("role", list(SPEC))
def test_each_role_signs_in_and_sees_only_the_pages_it_may_use(page, live_server, personas, role):
    expected_nav, forbidden = SPEC[role]

    landing = sign_in(page, live_server, personas[role])

    assert landing.status == 200, f"{role} landed on {page.url} with {landing.status}"
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert nav_labels(page) == expected_nav
    _axe_once(page)

    hrefs = page.get_by_role("navigation", name="Menu").get_by_role("link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ) if expected_nav else []
    for label, href in zip(expected_nav, hrefs):
        menu = page.get_by_role("navigation", name="Menu")
        link = menu.get_by_role("link", name=label, exact=True)
        with page.expect_navigation() as opened:
            link.click()
        response = opened.value
        assert response.status == 200, f"{role}: {label} ({href}) answered {response.status}"
        assert page.url.endswith(href)
        assert page.get_by_role("heading", level=1).count() == 1
        if label != "Reference data":  # Django's admin has its own layout; it comes last
            current = page.get_by_role("navigation", name="Menu").get_by_role(
                "link", name=label, exact=True)
            assert current.get_attribute("aria-current") in {"page", "true"}, label
        _axe_once(page)

    if forbidden:
        refused = page.goto(f"{live_server.url}{forbidden}")
        assert refused.status == 403, f"{role} opened {forbidden}: {refused.status}"
        refusal = page.get_by_role("heading", name="You cannot see this page", level=1)
        expect(refusal).to_be_visible()
        _axe_once(page)


def test_a_wrong_password_shows_the_error_summary(page, live_server, personas):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username", exact=True).fill("officer")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in", exact=True).click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert "Enter a correct username and password" in summary.inner_text()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert re.search(r"/sign-in/", page.url)
    # Nothing about the account leaks back into the form.
    assert page.get_by_label("Password", exact=True).input_value() == ""
    assert_no_axe_violations(page)


def test_an_empty_sign_in_form_says_what_to_enter(page, live_server):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in", exact=True).click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter your username")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter your password")).to_be_visible()
    summary.get_by_role("link", name="Enter your username").click()
    assert page.evaluate("document.activeElement.name") == "username"
    assert_no_axe_violations(page)


def test_signing_out_ends_the_session(page, live_server, personas):
    sign_in(page, live_server, personas["officer"])

    page.get_by_role("button", name="Sign out").click()

    page.wait_for_url(re.compile(r"/sign-in/"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.goto(f"{live_server.url}/my-work/")
    assert "/sign-in/" in page.url, "a signed-out browser still opened My work"


def test_a_signed_out_person_is_sent_to_sign_in_and_back(page, live_server, personas):
    page.goto(f"{live_server.url}/due-dates/")
    assert "/sign-in/" in page.url

    page.get_by_label("Username", exact=True).fill("officer")
    page.get_by_label("Password", exact=True).fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in", exact=True).click()

    page.wait_for_url(re.compile(r"/due-dates/$"))
    expect(page.get_by_role("heading", name="Due date calculator", level=1)).to_be_visible()
