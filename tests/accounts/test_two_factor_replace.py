"""Once a person has an authenticator, its key is never shown again and its
recovery codes are not replaced without the password and a current code:
the set-up page sends them to replace it, which asks for both first."""

import pytest
from django.urls import reverse

from complaints.accounts import totp, two_factor
from complaints.accounts.models import TwoFactor
from complaints.audit.models import AuditEntry
from tests.accounts.two_factor_helpers import PASSWORD, current_code, set_up_authenticator, sign_in_verified


pytestmark = pytest.mark.usefixtures("two_factor_required")


@pytest.fixture
def officer(personas):
    return personas["officer"]


def _grouped(secret):
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def test_the_set_up_page_does_not_show_the_key_again(client, officer):
    set_up_authenticator(officer)
    secret = TwoFactor.objects.get(user=officer).secret
    sign_in_verified(client, officer)
    # The attack: a signed-in session (a borrowed laptop) reads the key off the set-up page.
    response = client.get(reverse("two_factor_setup"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_replace"))
    html = response.content.decode()
    assert _grouped(secret) not in html and secret not in html


def test_a_code_posted_to_the_set_up_page_does_not_replace_the_recovery_codes(client, officer):
    codes = set_up_authenticator(officer)
    sign_in_verified(client, officer)
    response = client.post(reverse("two_factor_setup"), {"code": current_code(officer)})
    assert response.status_code == 302 and "codes" not in (response.context or {})
    assert two_factor.check(officer, codes[0]).used == "recovery"
    assert officer.recovery_codes.count() == 10


def test_replacing_needs_the_password_and_a_current_code(client, officer):
    codes = set_up_authenticator(officer)
    old_secret = TwoFactor.objects.get(user=officer).secret
    sign_in_verified(client, officer)
    wrong_password = client.post(reverse("two_factor_replace"), {"password": "guess", "code": current_code(officer)})
    assert "The password is not right" in wrong_password.content.decode()
    wrong_code = client.post(reverse("two_factor_replace"), {"password": PASSWORD, "code": "000000"})
    assert "The code is not right" in wrong_code.content.decode()
    assert 'id="secret"' not in wrong_password.content.decode() + wrong_code.content.decode()
    officer.refresh_from_db()
    assert officer.second_step_failures == 1
    assert AuditEntry.objects.filter(action="sign_in_failed", user=officer, detail="Wrong code (1)").exists()

    page = client.post(reverse("two_factor_replace"), {"password": PASSWORD, "code": current_code(officer)},
                       follow=True)
    new_secret = two_factor.replacement_secret(page.wsgi_request)
    assert new_secret != old_secret and _grouped(new_secret) in page.content.decode()
    # Until a code from the new app is entered, the old authenticator is the one that works.
    assert TwoFactor.objects.get(user=officer).secret == old_secret
    done = client.post(reverse("two_factor_replace"), {"code": totp.code(new_secret, totp.step_at() + 1)})
    assert len(done.context["codes"]) == 10
    assert TwoFactor.objects.get(user=officer).secret == new_secret
    assert two_factor.check(officer, codes[0]).used == ""
    assert AuditEntry.objects.filter(action="change", user=officer, detail="Authenticator replaced").exists()


def test_new_recovery_codes_need_the_password_and_a_current_code(client, officer):
    codes = set_up_authenticator(officer)
    sign_in_verified(client, officer)
    response = client.post(reverse("recovery_codes"))
    html = response.content.decode()
    assert "Enter your password" in html and "Enter the code from your authenticator app" in html
    refused = client.post(reverse("recovery_codes"), {"password": "guess", "code": current_code(officer)})
    assert "codes" not in refused.context
    assert two_factor.check(officer, codes[0]).used == "recovery"


def test_five_wrong_codes_while_replacing_lock_the_second_step_and_sign_out(client, officer):
    set_up_authenticator(officer)
    sign_in_verified(client, officer)
    for _ in range(4):
        client.post(reverse("two_factor_replace"), {"password": PASSWORD, "code": "000000"})
    response = client.post(reverse("two_factor_replace"), {"password": PASSWORD, "code": "000000"})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    officer.refresh_from_db()
    assert officer.second_step_locked_until is not None
