"""Settings are read once and fail loudly on bad values."""

import os
import re
import secrets
import subprocess
import sys

from pathlib import Path

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
    result = _settings_in_a_fresh_process(SECRET_KEY=secrets.token_urlsafe(50))
    assert result.stdout.split() == ["django.db.backends.sqlite3", "Europe/London", "True"]


def test_a_database_url_that_is_not_sqlite_or_postgres_is_refused():
    result = _settings_in_a_fresh_process(DEBUG="true", DATABASE_URL="mysql://root@localhost/x")
    assert result.returncode != 0 and "sqlite:// or postgres://" in result.stderr


def test_the_production_settings_pass_the_deployment_checks():
    """`manage.py check --deploy` with DEBUG off and a real secret: no warnings."""
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(60),
           "AUDIT_HMAC_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "complaints.example.gov.uk", "DJANGO_SETTINGS_MODULE": "complaints.settings"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["x", "x" * 60, "abcd" * 20, "django-insecure-" + "k3y5" * 12, "short-but-varied-1234"])
def test_a_weak_secret_key_is_refused_when_debug_is_off(key):
    result = _settings_in_a_fresh_process(DEBUG="false", SECRET_KEY=key)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak to use with DEBUG off" in result.stderr


def test_the_audit_key_is_required_and_must_be_strong_when_debug_is_off():
    without = _settings_in_a_fresh_process(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), AUDIT_HMAC_KEY="")
    assert without.returncode != 0 and "AUDIT_HMAC_KEY must be set when DEBUG is off" in without.stderr
    weak = _settings_in_a_fresh_process(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), AUDIT_HMAC_KEY="audit")
    assert weak.returncode != 0 and "AUDIT_HMAC_KEY is too weak to use with DEBUG off" in weak.stderr


def test_a_weak_secret_key_is_allowed_for_development():
    assert _settings_in_a_fresh_process(DEBUG="true", SECRET_KEY="x").returncode == 0


def test_the_ci_deployment_check_key_is_strong_enough():
    """.ci/run's key: "ci-" and 48 random bytes in base64 without / + =."""
    key = "ci-" + re.sub(r"[/+=]", "", __import__("base64").b64encode(secrets.token_bytes(48)).decode())
    assert _settings_in_a_fresh_process(DEBUG="false", SECRET_KEY=key).returncode == 0


# The sign-in page and the files it links, fetched in a new process with DEBUG off.
_FETCH_SIGN_IN_AND_ITS_CSS = """
import re, django
django.setup()
from django.test import Client
client = Client()
page = client.get("/sign-in/")
print(page.status_code)
for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.content.decode()):
    css = client.get(href)
    body = b"".join(css.streaming_content) if css.streaming else css.content
    print(href, css.status_code, css.get("Content-Type", "").split(";")[0], len(body))
"""


def _production_process(tmp_path, *args, static_root):
    env = {"PATH": os.environ["PATH"], "ENV_FILE": "", "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
           "AUDIT_HMAC_KEY": secrets.token_urlsafe(50),
           "DJANGO_SETTINGS_MODULE": "complaints.settings", "ALLOWED_HOSTS": "testserver",
           "SECURE_SSL_REDIRECT": "false", "VAR_DIR": str(tmp_path / "var"), "STATIC_ROOT": str(static_root)}
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)


def test_a_fresh_production_start_without_collectstatic_serves_the_sign_in_page_with_its_css(tmp_path):
    result = _production_process(tmp_path, "-c", _FETCH_SIGN_IN_AND_ITS_CSS, static_root=tmp_path / "never-collected")

    assert result.returncode == 0, result.stderr[-3000:]
    status, *stylesheets = result.stdout.splitlines()
    assert status == "200", result.stderr[-3000:]
    assert [line.split()[0] for line in stylesheets] == ["/static/govuk/govuk-frontend.min.css", "/static/app.css"]
    for line in stylesheets:
        href, css_status, content_type, length = line.split()
        assert (css_status, content_type) == ("200", "text/css"), line
        assert int(length) > 0


def test_after_collectstatic_the_pages_link_the_hashed_files_and_they_are_served(tmp_path):
    static_root = tmp_path / "static"
    collected = _production_process(tmp_path, "manage.py", "collectstatic", "--no-input", static_root=static_root)
    assert collected.returncode == 0, collected.stderr[-3000:]

    result = _production_process(tmp_path, "-c", _FETCH_SIGN_IN_AND_ITS_CSS, static_root=static_root)

    status, *stylesheets = result.stdout.splitlines()
    assert status == "200", result.stderr[-3000:]
    assert [re.sub(r"\.[0-9a-f]{12}\.", ".", line.split()[0]) for line in stylesheets] == [
        "/static/govuk/govuk-frontend.min.css", "/static/app.css"]
    assert all(re.search(r"\.[0-9a-f]{12}\.css 200 text/css", line) for line in stylesheets), stylesheets
