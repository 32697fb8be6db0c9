"""Two-factor sign-in for staff: an authenticator app's one-time codes, with
single-use recovery codes for when the phone is lost.

After the password, the session is not yet trusted: TwoFactorMiddleware sends
the person to enter a code (or, the first time, to set up their authenticator)
before any other page. Required when settings.REQUIRE_TWO_FACTOR is on (the
default with DEBUG off).

Wrong codes are counted per account in the database (``check``): after
settings.AXES_FAILURE_LIMIT in a row the second step is locked for
settings.AXES_COOLOFF_TIME, even to the right code, however often the password
is entered again. The first authenticator needs a set-up token an administrator
issues (``issue_token``); replacing one needs the password and a current code.
"""

import base64
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints.accounts import totp
from complaints.accounts.models import RecoveryCode, SetUpToken, TwoFactor, User

SESSION_KEY = "two_factor_user"
# The set-up token the person entered (its id), and the new key of an authenticator being replaced.
TOKEN_SESSION_KEY = "two_factor_set_up_token"
REPLACEMENT_SESSION_KEY = "two_factor_replacement"
REPLACEMENT_MINUTES = 10
RECOVERY_CODES = 10


@dataclass(frozen=True)
class Attempt:
    """What one code (or set-up token) did. ``used`` is "code", "recovery" or
    "token" when it was right, "" when not; ``refused`` when the second step was
    locked and it was not even checked; ``locked_until`` while it is locked."""

    used: str = ""
    failures: int = 0
    locked_until: datetime | None = None
    refused: bool = False

    @property
    def locked_now(self) -> bool:
        """This wrong code locked the second step."""
        return self.locked_until is not None and not self.refused


def cooloff() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_TIME)


@transaction.atomic
def _counted(user, attempt: Callable[[], str]) -> Attempt:
    """Run ``attempt`` unless the account's second step is locked, and count it:
    a right one resets the count, the limit'th wrong one in a row locks the
    second step for the cool-off. After the cool-off the count stands, so each
    further wrong one locks it again. Three queries; the account row is locked
    while it runs, so parallel guesses are counted one by one."""
    account = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    if account.second_step_locked_until and account.second_step_locked_until > now:
        return Attempt(failures=account.second_step_failures, locked_until=account.second_step_locked_until,
                       refused=True)
    used = attempt()
    if used:
        account.second_step_failures, account.second_step_locked_until = 0, None
    else:
        account.second_step_failures += 1
        if account.second_step_failures >= settings.AXES_FAILURE_LIMIT:
            account.second_step_locked_until = now + cooloff()
    account.save(update_fields=["second_step_failures", "second_step_locked_until"])
    user.second_step_failures = account.second_step_failures
    user.second_step_locked_until = account.second_step_locked_until
    return Attempt(used, account.second_step_failures, account.second_step_locked_until)


def is_verified(request) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def mark_verified(request) -> None:
    request.session[SESSION_KEY] = request.user.pk
    request.session.cycle_key()


def confirmed(user) -> TwoFactor | None:
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()


def enrolment(user) -> TwoFactor:
    """The user's unconfirmed authenticator, with a fresh secret the first time.
    Never a confirmed one: its secret is not shown again."""
    device, _ = TwoFactor.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    if device.confirmed_at is not None:
        raise ValueError(f"{user} already has an authenticator")
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


def _confirm(device: TwoFactor, secret: str, code: str, now: float | None) -> list[str] | None:
    """Make ``secret`` the device's if ``code`` comes from it: new recovery codes, or None."""
    step = totp.matching_step(secret, code, now=now)
    if step is None:
        return None
    device.secret, device.confirmed_at, device.last_step = secret, timezone.now(), step
    device.save()
    return new_recovery_codes(device.user)


@transaction.atomic
def confirm(user, code: str, *, token: SetUpToken, now: float | None = None) -> list[str] | None:
    """Confirm the first authenticator with a code from it, using up the set-up
    token the person entered: its recovery codes, or None if the code is wrong
    (or the token no longer usable, or the authenticator confirmed already)."""
    device = TwoFactor.objects.select_for_update().get(user=user)
    if device.confirmed_at is not None or not SetUpToken.objects.usable().filter(pk=token.pk, user=user).exists():
        return None
    codes = _confirm(device, device.secret, code, now)
    if codes is not None:
        SetUpToken.objects.filter(pk=token.pk).update(used_at=timezone.now())
    return codes


def check(user, code: str, *, now: float | None = None) -> Attempt:
    """Whether ``code`` is a fresh one-time code or an unused recovery code
    (which is then used up), counted (see ``_counted``). A one-time code works
    once: a step already used is refused."""

    def matches() -> str:
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

    return _counted(user, matches)


# -- Set-up tokens ------------------------------------------------------------------------

def issue_token(user, *, by) -> tuple[str, SetUpToken]:
    """A new set-up token for ``user`` (an earlier unused one stops working),
    usable once within settings.TWO_FACTOR_TOKEN_HOURS. The token itself is
    returned to be shown once; only its hash is kept. 80 random bits."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    token = "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))
    now = timezone.now()
    with transaction.atomic():
        SetUpToken.objects.filter(user=user, used_at=None).delete()
        issued = SetUpToken.objects.create(user=user, token_hash=_hash(token), issued_by=by, issued_at=now,
                                           expires_at=now + timedelta(hours=settings.TWO_FACTOR_TOKEN_HOURS))
    return token, issued


def accept_token(request, given: str) -> Attempt:
    """Check the set-up token the signed-in person entered, counted like a code
    (wrong tokens lock the second step too); remembered in the session when right."""
    token = SetUpToken.objects.usable().filter(user=request.user, token_hash=_hash(given)).first()
    attempt = _counted(request.user, lambda: "token" if token else "")
    if attempt.used:
        request.session[TOKEN_SESSION_KEY] = token.pk
    return attempt


def accepted_token(request) -> SetUpToken | None:
    """The set-up token this session entered, while it is still usable."""
    pk = request.session.get(TOKEN_SESSION_KEY)
    return SetUpToken.objects.usable().filter(pk=pk, user=request.user).first() if pk else None


# -- Replacing an authenticator -----------------------------------------------------------

def start_replacement(request) -> None:
    """After the person re-entered their password and a current code: a new key
    for the replacement, usable for REPLACEMENT_MINUTES."""
    request.session[REPLACEMENT_SESSION_KEY] = {
        "secret": totp.new_secret(), "until": time.time() + REPLACEMENT_MINUTES * 60}


def replacement_secret(request) -> str | None:
    pending = request.session.get(REPLACEMENT_SESSION_KEY)
    if not pending or pending["until"] < time.time():
        return None
    return pending["secret"]


@transaction.atomic
def replace(request, code: str, *, now: float | None = None) -> list[str] | None:
    """Swap the person's authenticator for the one being set up, given a code
    from the new one: new recovery codes (the old ones stop working), or None."""
    secret = replacement_secret(request)
    device = TwoFactor.objects.select_for_update().filter(user=request.user, confirmed_at__isnull=False).first()
    if secret is None or device is None:
        return None
    codes = _confirm(device, secret, code, now)
    if codes is not None:
        del request.session[REPLACEMENT_SESSION_KEY]
    return codes
