"""The public forms' settings are read once and a bad value stops the service."""

import os
import subprocess
import sys


def _settings(**env):
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("INTAKE_", "ATTACHMENT")) and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "-c", "import complaints.settings as s; "
         "print(s.INTAKE_CHANNEL, s.INTAKE_RATE_LIMIT, s.ATTACHMENT_MAX_BYTES, s.ATTACHMENTS_DIR, "
         "s.INTAKE_UPLOAD_BYTES_PER_HOUR, s.INTAKE_PENDING_UPLOADS)"],
        env={**base, "DEBUG": "true", **env}, capture_output=True, text=True,
    )


def test_the_defaults():
    channel, limit, size, folder, per_hour, waiting = _settings(VAR_DIR="/srv/var").stdout.split()
    assert (channel, limit, size, folder, per_hour, waiting) == (
        "childrens-app", "10", str(10 * 1024 * 1024), "/srv/var/attachments", str(100 * 1024 * 1024), "10")


def test_each_can_be_set():
    result = _settings(INTAKE_CHANNEL="online", INTAKE_RATE_LIMIT="500", ATTACHMENT_MAX_MB="5",
                       ATTACHMENTS_DIR="/data/files", INTAKE_UPLOAD_MB_PER_HOUR="20",
                       INTAKE_PENDING_UPLOADS="25")
    assert result.stdout.split() == ["online", "500", str(5 * 1024 * 1024), "/data/files",
                                     str(20 * 1024 * 1024), "25"]


def test_a_channel_that_is_not_one_of_the_two_is_refused():
    result = _settings(INTAKE_CHANNEL="carrier-pigeon")
    assert result.returncode != 0 and "INTAKE_CHANNEL must be one of childrens-app, online" in result.stderr


def test_a_rate_limit_below_one_is_refused():
    result = _settings(INTAKE_RATE_LIMIT="0")
    assert result.returncode != 0 and "INTAKE_RATE_LIMIT must be at least 1" in result.stderr


def test_an_hourly_upload_allowance_smaller_than_one_file_is_refused():
    result = _settings(ATTACHMENT_MAX_MB="10", INTAKE_UPLOAD_MB_PER_HOUR="9")
    assert result.returncode != 0 and "INTAKE_UPLOAD_MB_PER_HOUR must be at least 10" in result.stderr


def test_fewer_waiting_files_than_one_complaint_may_send_is_refused():
    result = _settings(INTAKE_PENDING_UPLOADS="4")
    assert result.returncode != 0 and "INTAKE_PENDING_UPLOADS must be at least 5" in result.stderr
