"""A member of staff signs in with their password and a one-time password from
an authenticator app: set up on the first sign-in with a set-up token an
administrator issued, asked for on the next."""

import re

import pytest
from playwright.sync_api import expect

from complaints.accounts import totp, two_factor
from complaints.accounts.models import TwoFactor
from tests.browser.helpers import assert_no_axe_violations, error_summary, sign_in


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.REQUIRE_TWO_FACTOR = True


def _code(user, offset=0):
    return totp.code(TwoFactor.objects.get(user=user).secret, totp.step_at() + offset)


def test_setting_up_the_authenticator_then_signing_in_with_a_code(page, live_server, personas):
    officer = personas["officer"]
    token, _ = two_factor.issue_token(officer, by=personas["admin"])
    sign_in(page, live_server, officer)
    expect(page.get_by_role("heading", name="Enter your set-up token")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Set-up token").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Continue").click()
    assert "The set-up token is not right" in error_summary(page).inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Set-up token").fill(token.lower())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Set up your authenticator")).to_be_visible()
    assert_no_axe_violations(page)
    # The key shown is the one stored.
    shown = page.locator("#secret").inner_text().replace(" ", "")
    assert shown == TwoFactor.objects.get(user=officer).secret

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert "The code is not right" in error_summary(page).inner_text()
    assert_no_axe_violations(page)

    page.get_by_label("Code").fill(_code(officer))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert len(page.locator(".app-recovery-codes li").all()) == 10
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()

    # Next time: the password, then a fresh code (the one used at set-up is spent).
    page.context.clear_cookies()
    sign_in(page, live_server, officer)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/cases/")
    expect(page).to_have_url(re.compile(r"/two-step/code/\?next=%2Fcases%2F"))
    page.get_by_label("Code").fill(_code(officer, offset=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Cases")).to_be_visible()
