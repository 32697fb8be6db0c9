"""Typed readers for environment variables.

Settings are read once, at start-up; a bad value stops the process with
ImproperlyConfigured rather than running with a silent default.
"""

import os
from pathlib import Path

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX, SECRET_KEY_MIN_LENGTH, SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name} must be one of {allowed}, not {value!r}")
    return value


def env_secret(name: str, *, required: bool, insecure_default: str) -> str:
    """A secret that must be set in production and may default in development."""
    value = os.environ.get(name, "")
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off")
    return insecure_default


def env_key(name: str, *, required: bool, insecure_default: str) -> str:
    """A signing key: as env_secret, and when it is required (DEBUG off) held to
    Django's own rule for SECRET_KEY (``check --deploy``, security.W009): at least
    50 characters, at least 5 different ones, not Django's generated placeholder."""
    value = env_secret(name, required=required, insecure_default=insecure_default)
    if required and (len(value) < SECRET_KEY_MIN_LENGTH or len(set(value)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
                     or value.startswith(SECRET_KEY_INSECURE_PREFIX)):
        raise ImproperlyConfigured(
            f"{name} is too weak to use with DEBUG off: it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different (make one with: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))')")
    return value


def writable_folder(name: str, path: Path) -> Path:
    """The folder ``path``, created (with its parents, readable by this service's user
    only) if it does not exist yet; a folder that cannot be made stops the service."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(f"{name}: cannot create the folder {path}: {error.strerror}") from None
    if not os.access(path, os.W_OK):
        raise ImproperlyConfigured(f"{name}: the folder {path} is not writable")
    return path
