"""Settings are read once and fail loudly on bad values."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from complaints.env import env_bool, env_choice, env_int, env_list, env_secret


def test_env_bool_reads_true_and_false_words(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG") is False


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG")


def test_env_int_refuses_words_and_small_numbers(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("N", 1)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("N", 1, minimum=1)


def test_env_list_and_choice(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("LEVEL", "LOUD")
    with pytest.raises(ImproperlyConfigured, match="LEVEL must be one of"):
        env_choice("LEVEL", "INFO", {"INFO", "DEBUG"})


def test_a_secret_is_required_in_production(monkeypatch):
    monkeypatch.delenv("KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="KEY must be set"):
        env_secret("KEY", required=True, insecure_default="x")


def _settings_in_a_fresh_process(**env):
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"} and not k.startswith("SECURE_")}
    return subprocess.run(
        [sys.executable, "-c", "import complaints.settings as s; print(s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.SESSION_COOKIE_SECURE)"],
        env={**base, **env}, capture_output=True, text=True,
    )


def test_the_service_will_not_start_without_a_secret_key_when_debug_is_off():
    result = _settings_in_a_fresh_process(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_defaults_are_sqlite_london_time_and_secure_cookies():
    result = _settings_in_a_fresh_process(SECRET_KEY="x" * 50)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "Europe/London", "True"]


def test_a_database_url_that_is_not_sqlite_or_postgres_is_refused():
    result = _settings_in_a_fresh_process(DEBUG="true", DATABASE_URL="mysql://root@localhost/x")
    assert result.returncode != 0 and "sqlite:// or postgres://" in result.stderr


def test_the_production_settings_pass_the_deployment_checks():
    """`manage.py check --deploy` with DEBUG off and a real secret: no warnings."""
    import secrets
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(60),
           "ALLOWED_HOSTS": "complaints.example.gov.uk", "DJANGO_SETTINGS_MODULE": "complaints.settings"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
