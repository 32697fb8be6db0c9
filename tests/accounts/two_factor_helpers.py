"""Signing in with the password, and an authenticator set up as an administrator allows."""

from django.urls import reverse

from complaints.accounts import totp, two_factor
from complaints.accounts.models import TwoFactor

PASSWORD = "correct-horse-battery"


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": password, **extra},
                       follow=True)


def current_code(user, offset=0):
    return totp.code(TwoFactor.objects.get(user=user).secret, totp.step_at() + offset)


def set_up_authenticator(user, *, by=None):
    """The user's authenticator, set up with a token issued ``by`` an
    administrator and confirmed with the code of the step before now (so the
    current code is still fresh); its ten recovery codes."""
    _, token = two_factor.issue_token(user, by=by)
    device = two_factor.enrolment(user)
    return two_factor.confirm(user, totp.code(device.secret, totp.step_at() - 1), token=token)


def sign_in_verified(client, user):
    """Signed in with both steps done, as if the person had entered a code."""
    client.force_login(user)
    session = client.session
    session[two_factor.SESSION_KEY] = user.pk
    session.save()
