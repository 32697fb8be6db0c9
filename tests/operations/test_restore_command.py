"""manage.py restore: a backup restored into an emptied database gives back
exactly what was there (every row, the records export, the annual reports,
the audit log's chain, the attached files), on SQLite and PostgreSQL alike;
a damaged or foreign backup, or a non-empty database without --yes, is
refused before anything changes."""

import io
import json
import shutil
import struct
import zipfile
from datetime import date

import django.apps
import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command

from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case
from complaints.casework.reference_data import load
from complaints.records.models import Compliment
from tests.operations.snapshot import attachment_files, canonical_dump, everything


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def backup(tmp_path):
    path = tmp_path / "backup.zip"
    run("backup", "--output", str(path))
    return path


def restore(path, *options) -> str:
    return run("restore", str(path), *options)


def assert_same(before: dict, after: dict) -> None:
    """Part by part, so that a failure names what differs."""
    assert after.keys() == before.keys()
    for label, rows in before["dump"].items():
        assert after["dump"][label] == rows, label
    for part, value in before.items():
        assert after[part] == value, part


def empty_the_database():
    """What ``flush`` leaves, then what ``migrate`` loads into a new database:
    a database that holds no records."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.ATTACHMENTS_DIR)
    load(django.apps.apps)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_emptied_database_gives_everything_back(stored, personas, record_complaint,
                                                                          tmp_path):
    before = everything()
    path = backup(tmp_path)
    empty_the_database()
    assert not Case.objects.exists() and attachment_files() == {}

    output = restore(path)

    assert f"{before_rows(before):,} rows" in output and "2 attached files" in output
    assert_same(before, everything())
    assert "The audit log is intact" in run("verify_audit_log")
    # PostgreSQL's sequences were moved past the restored ids, and the chain goes on.
    case = record_complaint(by=personas["officer"], received_on=date(2023, 2, 1))
    assert case.pk > stored["panel"].pk
    audit.record(None, AuditEntry.Action.VIEW, case, user=personas["officer"])
    assert "The audit log is intact" in run("verify_audit_log")


def before_rows(snapshot: dict) -> int:
    return sum(len(rows) for rows in snapshot["dump"].values())


@pytest.mark.django_db(transaction=True)
def test_a_database_that_holds_records_is_replaced_only_with_yes(stored, personas, record_complaint, tmp_path):
    before = everything()
    path = backup(tmp_path)
    record_complaint(by=personas["officer"], received_on=date(2023, 2, 1))
    Compliment.objects.all().delete()
    (settings.ATTACHMENTS_DIR / "uploads" / "later").write_bytes(b"sent after the backup")
    changed = everything()

    refused = r"already holds records \(casework.timelineentry: \d+ rows;.*; and \d+ more\)\..*give --yes"
    with pytest.raises(CommandError, match=refused):
        restore(path)
    assert_same(changed, everything())

    output = restore(path, "--yes")

    assert "Deleted what was there" in output
    assert_same(before, everything())
    assert not Session.objects.exists()
    assert "The audit log is intact" in run("verify_audit_log")


def _flip_byte_in(member: str):
    """Change one byte in the middle of a member's stored (compressed) bytes."""

    def damage(data: bytes) -> bytes:
        info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
        name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
        at = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
        return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]

    return damage


def _rewritten(change):
    """Copy the ZIP's members through ``change(members)``, which edits them in place."""

    def damage(data: bytes) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(data))
        members = {name: source.read(name) for name in source.namelist()}
        change(members)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, content in members.items():
                target.writestr(name, content)
        return out.getvalue()

    return damage


def _member(data: bytes, part: str) -> str:
    """The first member whose name has ``part`` in it."""
    return next(name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if part in name)


def _edit_manifest(edit):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        edit(manifest)
        members["manifest.json"] = json.dumps(manifest).encode()

    return _rewritten(change)


def _first_case_changed(members):
    name = next(name for name in members if name.endswith("casework.case.jsonl"))
    members[name] = members[name].replace(b'"Nobody returned my calls."', b'"Nobody returned my emails"', 1)


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_changes_nothing(stored, tmp_path):
    path = backup(tmp_path)
    data = path.read_bytes()
    damages = {
        "a byte of the cases changed": (_flip_byte_in(_member(data, "casework.case.jsonl")), "damaged"),
        "a byte of the manifest changed": (_flip_byte_in("manifest.json"), "damaged"),
        "a byte of an attached file changed": (_flip_byte_in(_member(data, "attachments/")), "damaged"),
        "the end cut off": (lambda d: d[:-300], "damaged or incomplete"),
        "the first half only": (lambda d: d[:len(d) // 2], "damaged or incomplete"),
        "a case changed, its checksum not": (_rewritten(_first_case_changed), "does not match the checksum"),
        "a file added": (_rewritten(lambda m: m.update({"attachments/extra": b"x"})), "not in its manifest"),
        "a file taken out": (_rewritten(lambda m: m.pop(_member(data, "attachments/"))), "missing"),
        "not a backup": (lambda d: b"PK\x05\x06" + bytes(18), "damaged or incomplete|no manifest"),
        "another format": (_edit_manifest(lambda m: m.update(format_version=2)), "format version 2"),
    }
    before = {"dump": canonical_dump(), "files": attachment_files()}
    for what, (damage, message) in damages.items():
        damaged = tmp_path / "damaged.zip"
        damaged.write_bytes(damage(data))
        with pytest.raises(CommandError, match=message):
            restore(damaged, "--yes")
        assert {"dump": canonical_dump(), "files": attachment_files()} == before, what
        assert [p.name for p in settings.ATTACHMENTS_DIR.parent.iterdir() if p.name.startswith(".")] == [], what


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_another_version_of_the_schema_is_refused(stored, tmp_path):
    path = backup(tmp_path)
    data = path.read_bytes()
    empty_the_database()
    versions = {
        "newer": (lambda m: m["migrations"].update(accounts="0099_from_a_later_version"),
                  r"newer version of the service .*accounts\.0099_from_a_later_version.*Upgrade"),
        "older": (lambda m: m["migrations"].update(casework="0001_initial"),
                  r"older version of the service .*casework \(backup 0001_initial, here \d{4}"),
    }
    for what, (edit, message) in versions.items():
        other = tmp_path / f"{what}.zip"
        other.write_bytes(_edit_manifest(edit)(data))
        with pytest.raises(CommandError, match=message):
            restore(other)
        assert not Case.objects.exists() and attachment_files() == {}, what


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        restore(tmp_path / "backup.zip")
