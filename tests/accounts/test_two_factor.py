"""Two-factor sign-in: an authenticator's one-time codes (RFC 6238) and
single-use recovery codes, required after the password when switched on."""


import pytest
from django.urls import reverse

from complaints.accounts import totp, two_factor
from complaints.accounts.models import TwoFactor
from complaints.audit.models import AuditEntry
from tests.accounts.two_factor_helpers import PASSWORD, set_up_authenticator


@pytest.mark.parametrize("when, expected", [
    (59, "287082"), (1111111109, "081804"), (1111111111, "050471"), (1234567890, "005924"),
    (2000000000, "279037"), (20000000000, "353130"),
])
def test_codes_match_the_rfc_6238_test_vectors(when, expected):
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert totp.code(secret, totp.step_at(when)) == expected


def test_a_code_from_the_step_before_or_after_is_accepted_but_no_further():
    secret = totp.new_secret()
    now = 1_700_000_000
    assert totp.matching_step(secret, totp.code(secret, totp.step_at(now) - 1), now=now) == totp.step_at(now) - 1
    assert totp.matching_step(secret, totp.code(secret, totp.step_at(now) + 2), now=now) is None
    assert totp.matching_step(secret, "12345", now=now) is None
    assert totp.matching_step(secret, "abcdef", now=now) is None


@pytest.fixture
def required(settings):
    settings.REQUIRE_TWO_FACTOR = True


def _sign_in(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD,
                                          "next": reverse("case_list")}, follow=True)


def _current_code(user):
    return totp.code(TwoFactor.objects.get(user=user).secret, totp.step_at())


def test_the_first_sign_in_sets_up_the_authenticator_and_shows_recovery_codes(client, personas, required):
    officer = personas["officer"]
    token, _ = two_factor.issue_token(officer, by=personas["admin"])
    response = _sign_in(client, officer)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    # Nothing else opens until the second step is done.
    assert client.get(reverse("my_work")).status_code == 302
    response = client.post(reverse("two_factor_setup"), {"token": token, "next": "/cases/"}, follow=True)
    secret = TwoFactor.objects.get(user=officer).secret
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in response.content.decode()
    wrong = client.post(reverse("two_factor_setup"), {"code": "000000", "next": "/cases/"})
    assert "The code is not right" in wrong.content.decode()
    done = client.post(reverse("two_factor_setup"), {"code": _current_code(officer), "next": "/cases/"})
    assert len(done.context["codes"]) == 10
    assert client.get(reverse("my_work")).status_code == 200


def test_later_sign_ins_ask_for_a_code_and_a_code_works_once(client, personas, required):
    officer = personas["officer"]
    set_up_authenticator(officer)
    response = _sign_in(client, officer)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_code"))
    code = _current_code(officer)
    response = client.post(reverse("two_factor_code"), {"code": code, "next": reverse("case_list")})
    assert response.status_code == 302 and response["Location"] == reverse("case_list")
    assert AuditEntry.objects.filter(action="sign_in", detail="Second step: authenticator code").exists()
    client.logout()
    _sign_in(client, officer)
    replay = client.post(reverse("two_factor_code"), {"code": code})
    assert "The code is not right" in replay.content.decode()


def test_a_recovery_code_works_once(client, personas, required):
    officer = personas["officer"]
    codes = set_up_authenticator(officer)
    _sign_in(client, officer)
    assert client.post(reverse("two_factor_code"), {"code": codes[0].upper()}).status_code == 302
    client.logout()
    _sign_in(client, officer)
    assert "The code is not right" in client.post(reverse("two_factor_code"), {"code": codes[0]}).content.decode()


def test_five_wrong_codes_sign_the_person_out(client, personas, required):
    officer = personas["officer"]
    set_up_authenticator(officer)
    _sign_in(client, officer)
    for _ in range(4):
        client.post(reverse("two_factor_code"), {"code": "000000"})
    response = client.post(reverse("two_factor_code"), {"code": "000000"})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("my_work")).status_code == 302
    assert AuditEntry.objects.filter(action="sign_in_failed", detail="Wrong code (5)").exists()


def test_the_next_address_must_be_this_site(client, personas, required):
    officer = personas["officer"]
    set_up_authenticator(officer)
    _sign_in(client, officer)
    response = client.post(reverse("two_factor_code"), {"code": _current_code(officer),
                                                        "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_new_recovery_codes_replace_the_old(client, personas):
    officer = personas["officer"]
    old = set_up_authenticator(officer)
    client.force_login(officer)
    new = client.post(reverse("recovery_codes"), {"password": PASSWORD, "code": _current_code(officer)}
                      ).context["codes"]
    assert set(new).isdisjoint(old)
    assert two_factor.check(officer, old[0]).used == "" and two_factor.check(officer, new[0]).used == "recovery"


def test_it_is_required_by_default_when_debug_is_off():
    import subprocess
    import sys
    out = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='complaints.settings'; "
         "django.setup(); from django.conf import settings; print(settings.REQUIRE_TWO_FACTOR)"],
        env={"SECRET_KEY": "two-factor-test-key-" * 3, "AUDIT_HMAC_KEY": "two-factor-audit-key-" * 3,
             "PATH": "/usr/bin:/bin", "DEBUG": "0"}, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr
