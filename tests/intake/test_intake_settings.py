"""The public forms' settings are read once and a bad value stops the service."""

import os
import subprocess
import sys


def _settings(**env):
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("INTAKE_", "ATTACHMENT")) and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "-c", "import complaints.settings as s; "
         "print(s.INTAKE_CHANNEL, s.INTAKE_RATE_LIMIT, s.ATTACHMENT_MAX_BYTES, s.ATTACHMENTS_DIR)"],
        env={**base, "DEBUG": "true", **env}, capture_output=True, text=True,
    )


def test_the_defaults():
    channel, limit, size, folder = _settings(VAR_DIR="/srv/var").stdout.split()
    assert (channel, limit, size, folder) == (
        "childrens-app", "10", str(10 * 1024 * 1024), "/srv/var/attachments")


def test_each_can_be_set():
    result = _settings(INTAKE_CHANNEL="online", INTAKE_RATE_LIMIT="500", ATTACHMENT_MAX_MB="5",
                       ATTACHMENTS_DIR="/data/files")
    assert result.stdout.split() == ["online", "500", str(5 * 1024 * 1024), "/data/files"]


def test_a_channel_that_is_not_one_of_the_two_is_refused():
    result = _settings(INTAKE_CHANNEL="carrier-pigeon")
    assert result.returncode != 0 and "INTAKE_CHANNEL must be one of childrens-app, online" in result.stderr


def test_a_rate_limit_below_one_is_refused():
    result = _settings(INTAKE_RATE_LIMIT="0")
    assert result.returncode != 0 and "INTAKE_RATE_LIMIT must be at least 1" in result.stderr
