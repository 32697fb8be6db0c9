"""Wrong second-step codes are counted per account, in the database: signing in
again with the password does not start a new count, and after five the
second step is locked for the cool-off, even to the right code."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from complaints.accounts.models import User
from complaints.audit.models import AuditEntry
from tests.accounts.two_factor_helpers import current_code, set_up_authenticator, sign_in


pytestmark = pytest.mark.usefixtures("two_factor_required")


@pytest.fixture
def officer(personas):
    return personas["officer"]


def _wrong_codes(client, how_many):
    for _ in range(how_many):
        client.post(reverse("two_factor_code"), {"code": "000000"})


def _locked_until(user):
    return User.objects.get(pk=user.pk).second_step_locked_until


def test_signing_in_again_does_not_start_a_new_count_of_wrong_codes(client, officer):
    set_up_authenticator(officer)
    # The attack: four wrong codes, then the password again for a fresh count, over and over.
    for _ in range(25):
        sign_in(client, officer)
        _wrong_codes(client, 4)
        client.logout()
    sign_in(client, officer)
    response = client.post(reverse("two_factor_code"), {"code": current_code(officer)})
    assert response.status_code == 429
    assert "wrong code too many times" in response.content.decode()
    assert client.get(reverse("my_work")).status_code == 302
    # Only the first five codes were ever checked; everything after was refused unchecked.
    assert AuditEntry.objects.filter(action="sign_in_failed", detail__startswith="Wrong code").count() == 5
    assert AuditEntry.objects.filter(action="sign_in_failed", detail__startswith="Second step locked").count() == 1
    assert AuditEntry.objects.filter(action="sign_in_failed", detail__startswith="Code refused").exists()


def test_the_right_code_is_refused_during_the_lock_out_and_works_after_the_cool_off(client, officer, settings):
    set_up_authenticator(officer)
    sign_in(client, officer)
    _wrong_codes(client, 5)
    assert _locked_until(officer) > timezone.now()
    sign_in(client, officer)
    refused = client.post(reverse("two_factor_code"), {"code": current_code(officer)})
    assert refused.status_code == 429 and client.get(reverse("my_work")).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)):
        sign_in(client, officer)
        response = client.post(reverse("two_factor_code"), {"code": current_code(officer),
                                                            "next": reverse("my_work")})
        assert response.status_code == 302 and response["Location"] == reverse("my_work")
        assert client.get(reverse("my_work")).status_code == 200
    officer.refresh_from_db()
    assert officer.second_step_failures == 0 and officer.second_step_locked_until is None


def test_after_the_cool_off_one_more_wrong_code_locks_it_again(client, officer, settings):
    set_up_authenticator(officer)
    sign_in(client, officer)
    _wrong_codes(client, 5)
    with time_machine.travel(timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)):
        sign_in(client, officer)
        response = client.post(reverse("two_factor_code"), {"code": "000000"})
        assert response.status_code == 302 and response["Location"] == reverse("login")
        assert _locked_until(officer) > timezone.now()


def test_wrong_recovery_codes_count_and_a_right_one_is_refused_during_the_lock_out(client, officer):
    codes = set_up_authenticator(officer)
    sign_in(client, officer)
    for _ in range(5):
        client.post(reverse("two_factor_code"), {"code": "dead0000-beef0000"})
    sign_in(client, officer)
    assert client.post(reverse("two_factor_code"), {"code": codes[0]}).status_code == 429
    assert officer.recovery_codes.filter(used_at=None).count() == 10
    assert client.get(reverse("my_work")).status_code == 302


def test_a_right_code_before_the_limit_resets_the_count(client, officer):
    set_up_authenticator(officer)
    sign_in(client, officer)
    _wrong_codes(client, 4)
    client.post(reverse("two_factor_code"), {"code": current_code(officer)})
    client.logout()
    sign_in(client, officer)
    _wrong_codes(client, 4)
    officer.refresh_from_db()
    assert officer.second_step_failures == 4 and officer.second_step_locked_until is None
