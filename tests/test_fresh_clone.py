"""A fresh clone runs: the settings make the folders they write to, wherever VAR_DIR
and ATTACHMENTS_DIR point, and a development checkout's `.env` makes every README
command work in a new shell while production still refuses to start without a key."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    """manage.py in a new process with nothing of this one's environment but PATH."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "complaints.settings", **env},
    )


def test_the_suite_writes_nothing_into_the_checkout():
    """The test settings point VAR_DIR at a folder that did not exist when the run
    began; the settings themselves created it (conftest also checks the checkout's
    var/ gains no file during the run)."""
    assert ROOT not in Path(settings.VAR_DIR).resolve().parents
    assert ROOT not in Path(settings.ATTACHMENTS_DIR).resolve().parents
    assert Path(settings.VAR_DIR).is_dir()


def test_migrate_creates_the_database_folder_and_the_attachments_folder_anywhere(tmp_path):
    var = tmp_path / "not" / "there" / "yet"
    files = tmp_path / "elsewhere" / "files"
    result = _manage("migrate", "--no-input", ENV_FILE="", DEBUG="true",
                     VAR_DIR=str(var), ATTACHMENTS_DIR=str(files))
    assert result.returncode == 0, result.stderr[-2000:]
    database = var / "complaints.sqlite3"
    assert database.is_file()
    with sqlite3.connect(database) as connection:
        assert connection.execute("select count(*) from django_migrations").fetchone()[0] > 0
    assert files.is_dir()
    assert oct(files.stat().st_mode & 0o777) == "0o700"


def test_a_folder_that_cannot_be_made_stops_the_service_with_its_name(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _manage("check", ENV_FILE="", DEBUG="true", VAR_DIR=str(tmp_path / "v"),
                     ATTACHMENTS_DIR=str(blocker / "attachments"))
    assert result.returncode != 0
    assert "ATTACHMENTS_DIR: cannot create the folder" in result.stderr


def test_the_env_file_make_run_writes_lets_commands_run_in_a_new_shell(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# Written by `make run`\nDEBUG=true\n")
    assert _manage("migrate", ENV_FILE=str(env_file), VAR_DIR=str(tmp_path / "var")).returncode == 0
    result = _manage("workdays", "add", "2022-05-27", "10", ENV_FILE=str(env_file),
                     VAR_DIR=str(tmp_path / "var"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2022-06-14"


def test_without_the_env_file_production_still_needs_a_secret_key(tmp_path):
    result = _manage("workdays", "add", "2022-05-27", "10", ENV_FILE=str(tmp_path / "none"),
                     VAR_DIR=str(tmp_path / "var"))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\n")
    result = _manage("workdays", "add", "2022-05-27", "10", ENV_FILE=str(env_file),
                     DEBUG="false", VAR_DIR=str(tmp_path / "var"))
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
