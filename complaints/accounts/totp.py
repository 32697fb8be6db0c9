"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 seconds),
as every authenticator app makes them. Plain Python, no Django."""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    """A random 160-bit key, base32 (what authenticator apps take)."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def step_at(when: float | None = None) -> int:
    return int((time.time() if when is None else when) // STEP_SECONDS)


def code(secret: str, step: int, *, digits: int = DIGITS, digest=hashlib.sha1) -> str:
    """The code for ``step`` (RFC 4226 HOTP with the time step as the counter)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    mac = hmac.new(key, struct.pack(">Q", step), digest).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** digits).zfill(digits)


def matching_step(secret: str, given: str, *, now: float | None = None, window: int = 1) -> int | None:
    """The time step whose code is ``given``, allowing ``window`` steps of clock
    drift either way; None if none matches. Compared in constant time."""
    given = "".join(given.split())
    if not (given.isdigit() and len(given) == DIGITS):
        return None
    current = step_at(now)
    for step in range(current - window, current + window + 1):
        if hmac.compare_digest(code(secret, step), given):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from a QR code."""
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?" + urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS,
                                                    "period": STEP_SECONDS})
