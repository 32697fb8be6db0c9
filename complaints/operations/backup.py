"""Making a backup: every model's rows, the files outside the database and a
manifest, in one ZIP file (the format is described in ``contents``).

Rows are read in one transaction, so the backup is one moment's database
even while the service runs (REPEATABLE READ on PostgreSQL; SQLite's read
transaction), and streamed a chunk at a time: memory does not grow with the
records. The file is written under a temporary name and renamed when
complete, readable by its owner only (it holds personal data).
"""

import hashlib
import json
import os
import tempfile
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from complaints.operations.contents import (
    ATTACHMENTS,
    CHUNK,
    DATA,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    Encoder,
    Serializer,
    kept_models,
    many_to_many,
    migration_state,
    product,
    rows_of,
)

COPY_BYTES = 1024 * 1024


class _Member:
    """A ZIP member being written, with the SHA-256 and size of what went in."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.name = name
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        self._file = archive.open(info, "w", force_zip64=True)
        self._sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._sha256.update(data)
        self.size += len(data)

    def close(self) -> dict:
        self._file.close()
        return {"sha256": self._sha256.hexdigest(), "bytes": self.size}


def write_backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write a backup of the database ``using`` and ATTACHMENTS_DIR to ``path``,
    which must not exist yet. Returns the manifest. Reads every row once."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: give a new file name")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent}")
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            manifest = _write(archive, using)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return manifest


def _write(archive: zipfile.ZipFile, using: str) -> dict:
    connection = connections[using]
    members, models = {}, []
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and not _in_outer_transaction(connection):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        migrations = migration_state(connection)
        created_at = timezone.now()
        for index, model in enumerate(kept_models(), 1):
            label = model._meta.label_lower
            member = _Member(archive, f"{DATA}{index:03d}-{label}.jsonl")
            rows, links = _write_rows(member, model, using)
            members[member.name] = member.close()
            models.append({"model": label, "member": member.name, "rows": rows, "links": links})
    attachments = _write_attachments(archive, members)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "product": product(),
        "database": {"vendor": connection.vendor},
        "migrations": migrations,
        "models": models,
        "attachments": attachments,
        "members": members,
    }
    archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def _in_outer_transaction(connection) -> bool:
    """Whether this atomic block is inside another (a test's, or a caller's):
    then the isolation level is already set, and cannot be changed."""
    return len(connection.savepoint_ids) > 0 or not connection.commit_on_exit


def _write_rows(member: _Member, model, using: str) -> tuple[int, dict[str, int]]:
    serializer = Serializer()
    fields = many_to_many(model)
    rows, links = 0, {field.name: 0 for field in fields}
    chunk = []
    for obj in rows_of(model, using):
        chunk.append(obj)
        if len(chunk) == CHUNK:
            rows += _write_chunk(member, serializer.serialize_chunk(model, chunk, using), links)
            chunk = []
    if chunk:
        rows += _write_chunk(member, serializer.serialize_chunk(model, chunk, using), links)
    return rows, links


def _write_chunk(member: _Member, serialized: list[dict], links: dict) -> int:
    lines = []
    for data in serialized:
        for name in links:
            links[name] += len(data["fields"][name])
        lines.append(json.dumps(data, cls=Encoder, ensure_ascii=False, separators=(",", ":")))
    member.write(("\n".join(lines) + "\n").encode())
    return len(lines)


def _write_attachments(archive: zipfile.ZipFile, members: dict) -> list[dict]:
    """Every regular file under ATTACHMENTS_DIR (symbolic links are not
    followed). A file removed while the backup runs (an abandoned upload being
    cleared) is left out."""
    root = Path(settings.ATTACHMENTS_DIR)
    if not root.is_dir():
        return []
    attachments = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root).as_posix()
        try:
            source = open(path, "rb")
        except FileNotFoundError:
            continue
        with source:
            member = _Member(archive, f"{ATTACHMENTS}{relative}")
            while block := source.read(COPY_BYTES):
                member.write(block)
            members[member.name] = member.close()
            modified = os.fstat(source.fileno()).st_mtime
        attachments.append({"path": relative, "member": member.name, "modified": modified})
    return attachments
