"""manage.py backup: one ZIP file with every row, the attached files and a
manifest of counts and checksums, in a form any supported database restores."""

import hashlib
import io
import json
import stat
import zipfile

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from complaints.audit.models import AuditEntry


def backup(path) -> str:
    out = io.StringIO()
    call_command("backup", "--output", str(path), stdout=out)
    return out.getvalue()


def rows(archive, manifest, label) -> list[dict]:
    member = next(entry["member"] for entry in manifest["models"] if entry["model"] == label)
    return [json.loads(line) for line in archive.read(member).splitlines()]


def test_a_backup_holds_every_row_and_file_with_counts_and_checksums(stored, tmp_path):
    path = tmp_path / "backup.zip"
    output = backup(path)

    archive = zipfile.ZipFile(path)
    manifest = json.loads(archive.read("manifest.json"))
    assert f"to {path}" in output and f"{len(manifest['models'])} models" in output
    assert manifest["format"] == "complaints-backup" and manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["product"]["version"] == "0.1.0"
    assert manifest["migrations"] == dict(MigrationLoader(connection).graph.leaf_nodes())
    counted = {entry["model"]: entry["rows"] for entry in manifest["models"]}
    for label, count in counted.items():
        assert apps.get_model(label)._base_manager.count() == count, label
    assert counted["casework.case"] == stored["cases"] == 5
    assert counted["audit.auditentry"] >= 4 and counted["letters.generatedletter"] == 1
    links = {entry["model"]: entry["links"] for entry in manifest["models"]}
    assert links["records.action"] == {"cases": 2, "points": 1}
    assert links["casework.case"] == {"restricted_to": 2}
    assert set(archive.namelist()) == set(manifest["members"]) | {"manifest.json"}
    for name, member in manifest["members"].items():
        content = archive.read(name)
        assert (hashlib.sha256(content).hexdigest(), len(content)) == (member["sha256"], member["bytes"])
    files = {entry["path"] for entry in manifest["attachments"]}
    assert len(files) == 2 and all(path.startswith("uploads/") for path in files)


def test_content_types_permissions_and_sessions_are_left_out(stored, tmp_path):
    backup(tmp_path / "backup.zip")
    manifest = json.loads(zipfile.ZipFile(tmp_path / "backup.zip").read("manifest.json"))
    kept = {entry["model"] for entry in manifest["models"]}
    assert not kept & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    assert {"accounts.user", "auth.group", "admin.logentry", "axes.accesslog"} <= kept


def test_what_points_at_a_content_type_or_permission_names_it_by_natural_key(stored, tmp_path):
    backup(tmp_path / "backup.zip")
    archive = zipfile.ZipFile(tmp_path / "backup.zip")
    manifest = json.loads(archive.read("manifest.json"))
    [group] = rows(archive, manifest, "auth.group")
    assert sorted(group["fields"]["permissions"]) == [["view_auditentry", "audit", "auditentry"],
                                                      ["view_case", "casework", "case"]]
    [entry] = rows(archive, manifest, "admin.logentry")
    assert entry["fields"]["content_type"] == ["casework", "appointee"]
    assert isinstance(entry["fields"]["user"], int)


def test_the_audit_log_keeps_its_ids_hashes_and_the_microseconds_they_cover(stored, tmp_path):
    backup(tmp_path / "backup.zip")
    archive = zipfile.ZipFile(tmp_path / "backup.zip")
    kept = rows(archive, json.loads(archive.read("manifest.json")), "audit.auditentry")
    entries = list(AuditEntry.objects.order_by("pk"))
    assert any(entry.at.microsecond for entry in entries)
    assert [(row["pk"], row["fields"]["sequence"], row["fields"]["at"], row["fields"]["entry_hash"])
            for row in kept] == [(e.pk, e.sequence, e.at.isoformat(), e.entry_hash) for e in entries]


def test_the_file_is_readable_by_its_owner_only(stored, tmp_path):
    backup(tmp_path / "backup.zip")
    assert stat.S_IMODE((tmp_path / "backup.zip").stat().st_mode) == 0o600


def test_an_existing_file_is_never_overwritten(stored, tmp_path):
    (tmp_path / "backup.zip").write_bytes(b"last night's backup")
    with pytest.raises(CommandError, match="already exists"):
        backup(tmp_path / "backup.zip")
    assert (tmp_path / "backup.zip").read_bytes() == b"last night's backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="There is no folder"):
        backup(tmp_path / "nowhere" / "backup.zip")
