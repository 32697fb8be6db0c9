"""The first authenticator needs a one-time, expiring set-up token an
administrator issues: knowing someone's password is not enough to set one up."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from complaints.accounts import totp, two_factor
from complaints.accounts.models import SetUpToken, TwoFactor
from complaints.audit.models import AuditEntry
from tests.accounts.two_factor_helpers import set_up_authenticator, sign_in, sign_in_verified


pytestmark = pytest.mark.usefixtures("two_factor_required")


def _issue(client, admin, person):
    sign_in_verified(client, admin)
    response = client.post(reverse("set_up_tokens"), {"user": person.pk})
    client.logout()
    return response


def test_the_password_alone_does_not_show_the_authenticator_key(client, personas):
    officer = personas["officer"]
    # The attack: whoever knows the password signs in and adds the key to their own phone.
    response = sign_in(client, officer)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    html = response.content.decode()
    assert "Enter your set-up token" in html and 'id="secret"' not in html
    assert not TwoFactor.objects.filter(user=officer).exists()
    posted = client.post(reverse("two_factor_setup"), {"code": "123456"})
    assert 'id="secret"' not in posted.content.decode()
    assert not TwoFactor.objects.filter(user=officer, confirmed_at__isnull=False).exists()


def test_an_administrator_issues_a_token_that_sets_up_the_authenticator_once(client, personas):
    officer, admin = personas["officer"], personas["admin"]
    issued = _issue(client, admin, officer)
    assert issued.status_code == 200
    token = issued.context["token"]
    assert SetUpToken.objects.get(user=officer).token_hash != token  # only its hash is kept
    assert AuditEntry.objects.filter(action="create", user=admin, object_repr=f"Set-up token for {officer}").exists()

    sign_in(client, officer)
    response = client.post(reverse("two_factor_setup"), {"token": token}, follow=True)
    secret = TwoFactor.objects.get(user=officer).secret
    assert 'id="secret"' in response.content.decode()
    done = client.post(reverse("two_factor_setup"), {"code": totp.code(secret, totp.step_at())})
    assert len(done.context["codes"]) == 10
    assert SetUpToken.objects.get(user=officer).used_at is not None
    assert client.get(reverse("my_work")).status_code == 200


def test_a_used_or_expired_token_or_someone_elses_is_refused(client, personas, settings):
    officer, manager, admin = personas["officer"], personas["manager"], personas["admin"]
    set_up_authenticator(manager, by=admin)
    _issue(client, admin, officer)  # an earlier token, replaced by the next one
    token = _issue(client, admin, officer).context["token"]
    sign_in(client, manager)
    TwoFactor.objects.filter(user=manager).delete()
    wrong = client.post(reverse("two_factor_setup"), {"token": token})
    assert "The set-up token is not right" in wrong.content.decode()
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(hours=settings.TWO_FACTOR_TOKEN_HOURS, minutes=1)):
        sign_in(client, officer)
        expired = client.post(reverse("two_factor_setup"), {"token": token})
        assert "The set-up token is not right" in expired.content.decode()
        assert not TwoFactor.objects.filter(user=officer).exists()


def test_wrong_tokens_count_towards_the_lock_out(client, personas):
    officer = personas["officer"]
    token = _issue(client, personas["admin"], officer).context["token"]
    sign_in(client, officer)
    for _ in range(5):
        client.post(reverse("two_factor_setup"), {"token": "AAAA-BBBB-CCCC-DDDD"})
    sign_in(client, officer)
    assert client.post(reverse("two_factor_setup"), {"token": token}).status_code == 429
    assert AuditEntry.objects.filter(action="sign_in_failed", detail="Wrong set-up token (5)").exists()


def test_someone_with_an_authenticator_cannot_be_given_a_token(client, personas):
    officer, admin = personas["officer"], personas["admin"]
    set_up_authenticator(officer, by=admin)
    sign_in_verified(client, admin)
    response = client.post(reverse("set_up_tokens"), {"user": officer.pk})
    assert "Select a person who has not set up an authenticator yet" in response.content.decode()
    assert not SetUpToken.objects.filter(user=officer, used_at=None).exists()


def test_only_administrators_issue_tokens(client, personas):
    sign_in_verified(client, personas["manager"])
    assert client.post(reverse("set_up_tokens"), {"user": personas["manager"].pk}).status_code == 403
    assert not SetUpToken.objects.exists()


def test_an_empty_choice_gets_a_govuk_error(client, personas):
    sign_in_verified(client, personas["admin"])
    html = client.post(reverse("set_up_tokens"), {"user": ""}).content.decode()
    assert "There is a problem" in html and "Select the person to issue a set-up token to" in html


def test_confirming_without_a_usable_token_sets_nothing_up(personas):
    officer = personas["officer"]
    _, token = two_factor.issue_token(officer, by=None)
    SetUpToken.objects.filter(pk=token.pk).update(used_at=timezone.now())
    device = two_factor.enrolment(officer)
    assert two_factor.confirm(officer, totp.code(device.secret, totp.step_at()), token=token) is None
    assert TwoFactor.objects.get(user=officer).confirmed_at is None
