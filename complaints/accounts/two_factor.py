"""Two-factor sign-in for staff: an authenticator app's one-time codes, with
single-use recovery codes for when the phone is lost.

After the password, the session is not yet trusted: TwoFactorMiddleware sends
the person to enter a code (or, the first time, to set up their authenticator)
before any other page. Required when settings.REQUIRE_TWO_FACTOR is on (the
default with DEBUG off).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints.accounts import totp
from complaints.accounts.models import RecoveryCode, TwoFactor

SESSION_KEY = "two_factor_user"
RECOVERY_CODES = 10


def is_verified(request) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def mark_verified(request) -> None:
    request.session[SESSION_KEY] = request.user.pk
    request.session.cycle_key()


def confirmed(user) -> TwoFactor | None:
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()


def enrolment(user) -> TwoFactor:
    """The user's unconfirmed authenticator, with a fresh secret the first time."""
    device, _ = TwoFactor.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    return device


def provisioning_uri(device: TwoFactor) -> str:
    return totp.provisioning_uri(device.secret, account=device.user.get_username(),
                                 issuer=f"{settings.COUNCIL_NAME} complaints")


def _hash(code: str) -> str:
    return hashlib.sha256("".join(code.lower().split()).replace("-", "").encode()).hexdigest()


def new_recovery_codes(user) -> list[str]:
    """Ten new single-use codes (the old ones stop working). Shown once."""
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return codes


@transaction.atomic
def confirm(user, code: str, *, now: float | None = None) -> list[str] | None:
    """Confirm the authenticator with a code from it: its recovery codes, or
    None if the code is wrong."""
    device = TwoFactor.objects.select_for_update().get(user=user)
    step = totp.matching_step(device.secret, code, now=now)
    if step is None:
        return None
    device.confirmed_at, device.last_step = timezone.now(), step
    device.save()
    return new_recovery_codes(user)


@transaction.atomic
def check(user, code: str, *, now: float | None = None) -> str:
    """ "code" or "recovery" if ``code`` is a fresh one-time code or an unused
    recovery code (which is then used up); "" if not. A one-time code works
    once: a step already used is refused."""
    device = TwoFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return ""
    step = totp.matching_step(device.secret, code, now=now)
    if step is not None and step > device.last_step:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return "code"
    used = RecoveryCode.objects.filter(user=user, code_hash=_hash(code), used_at=None).update(
        used_at=timezone.now())
    return "recovery" if used else ""
