"""Restoring a backup made by ``backup`` (the format is described in ``contents``).

In this order, stopping at the first problem:

1. Check the file: a ZIP whose manifest is ours, whose members are exactly
   those the manifest lists, each with the SHA-256 it gives; a schema the
   code here has (the same migrations); models this installation knows.
   Nothing has been changed yet.
2. Refuse a database that holds records (beyond what ``migrate`` loads) or an
   ATTACHMENTS_DIR that holds files, unless the caller agreed to replace them.
3. Unpack the files beside ATTACHMENTS_DIR; run ``migrate``.
4. In one transaction: empty every table a backup keeps (as ``flush`` does),
   insert every row with its primary key, reset PostgreSQL's sequences, check
   every foreign key, and compare each model's row count with the manifest.
   Any failure rolls all of it back: the database is as it was.
5. Put the unpacked files in place of ATTACHMENTS_DIR.

The service should be stopped while it runs: on PostgreSQL step 4 locks
every table it empties.
"""

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.loader import MigrationLoader

from complaints.operations.contents import (
    CHUNK,
    FORMAT,
    FORMAT_VERSION,
    LOADED_BY_MIGRATE,
    MANIFEST,
    BackupError,
    kept_models,
    many_to_many,
)

READ_BYTES = 1024 * 1024
# What reading a damaged ZIP member can raise, besides a wrong checksum.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, UnicodeDecodeError)


@dataclass
class Restored:
    manifest: dict
    rows: int
    models: int
    files: int
    replaced: list[str]


def restore(path: Path, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Restore the backup at ``path`` into the database ``using`` and
    ATTACHMENTS_DIR. ``replace`` agrees to delete what they already hold.
    Raises BackupError, having changed nothing, if the file or the schema is
    wrong; reads the file twice (once to check it, once to load it)."""
    with _open(path) as archive:
        manifest = check(archive)
        existing = existing_records(using)
        if existing and not replace:
            more = f"; and {len(existing) - 6} more" if len(existing) > 6 else ""
            raise BackupError(
                f"The database already holds records ({'; '.join(existing[:6])}{more}). Restore into an empty "
                "database, or give --yes to delete everything it holds and replace it with the backup.")
        root = Path(settings.ATTACHMENTS_DIR)
        staging = _unpack_attachments(archive, manifest, root)
        try:
            call_command("migrate", database=using, interactive=False, verbosity=0)
            rows = _load(archive, manifest, using)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    _put_in_place(staging, root)
    return Restored(manifest=manifest, rows=rows, models=len(manifest["models"]),
                    files=len(manifest["attachments"]), replaced=existing)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"There is no file {path}") from None
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"{path} is not a backup, or it is damaged or incomplete: {error}") from None


# -- 1. Checking the file ------------------------------------------------------------------


def check(archive: zipfile.ZipFile) -> dict:
    """The manifest, once everything it says has been checked: every member's
    SHA-256, the migration state and the models. Raises BackupError."""
    manifest = _manifest(archive)
    try:
        _check_members(archive, manifest)
        check_schema(manifest)
    except (KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"The backup's manifest is damaged: {error!r}") from None
    return manifest


def _check_members(archive: zipfile.ZipFile, manifest: dict) -> None:
    listed, present = set(manifest["members"]), set(archive.namelist()) - {MANIFEST}
    problems = []
    if extra := sorted(present - listed):
        problems.append(f"{len(extra)} file(s) not in its manifest ({', '.join(extra[:3])})")
    if missing := sorted(listed - present):
        problems.append(f"{len(missing)} file(s) missing ({', '.join(missing[:3])})")
    if problems:
        raise BackupError("The backup has been changed: " + "; ".join(problems))
    for name, expected in manifest["members"].items():
        with _open_member(archive, name) as member:
            _read_checked(member, name, expected, lambda block: None)
    referenced = [entry["member"] for entry in manifest["models"] + manifest["attachments"]]
    if unknown := [name for name in referenced if name not in listed]:
        raise BackupError(f"The manifest names files the backup does not hold: {', '.join(unknown[:3])}")
    for entry in manifest["attachments"]:
        _safe_path(entry["path"])


def _manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("This file is not a backup of this service: it has no manifest.json") from None
    except (*DAMAGED, json.JSONDecodeError) as error:
        raise BackupError(f"The backup's manifest is damaged: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This file is not a backup of this service: its manifest is not ours")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"The backup is in format version {manifest.get('format_version')}; this "
                          f"version of the service reads version {FORMAT_VERSION}")
    for key, kind in (("created_at", str), ("migrations", dict), ("models", list), ("attachments", list),
                      ("members", dict), ("product", dict), ("database", dict)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"The backup's manifest is damaged: it has no {key}")
    return manifest


def _open_member(archive: zipfile.ZipFile, name: str):
    try:
        return archive.open(name)
    except DAMAGED as error:
        raise BackupError(f"The backup is damaged: {name} cannot be read ({error})") from None


def _read_checked(member, name: str, expected: dict, consume) -> None:
    """Read a member in blocks, handing each to ``consume``; raise BackupError
    unless its SHA-256 and size are the manifest's."""
    digest, size = hashlib.sha256(), 0
    while True:
        try:
            block = member.read(READ_BYTES)
        except DAMAGED as error:
            raise BackupError(f"The backup is damaged: {name} cannot be read ({error})") from None
        if not block:
            break
        digest.update(block)
        size += len(block)
        consume(block)
    if digest.hexdigest() != expected.get("sha256") or size != expected.get("bytes"):
        raise BackupError(f"The backup is damaged or has been changed: {name} does not match "
                          "the checksum in its manifest")


def _made_by(manifest: dict) -> str:
    made = manifest["product"]
    commit = made.get("git_commit")
    return f"version {made.get('version')}" + (f", git commit {commit[:12]}" if commit else "")


def check_schema(manifest: dict) -> None:
    """Refuse a backup whose migration state is not the one the code here
    builds: its rows would not fit the tables. A newer backup needs this
    installation upgraded; an older one is restored with the version that
    made it, then upgraded (``migrate`` converts the data on the way)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    here = dict(loader.graph.leaf_nodes())
    theirs = manifest["migrations"]
    newer = [f"{app}.{name}" for app, name in sorted(theirs.items()) if (app, name) not in loader.graph.nodes]
    if newer:
        raise BackupError(
            f"The backup is from a newer version of the service ({_made_by(manifest)}): its database had "
            f"migration(s) {', '.join(newer)}, which this version does not have. Upgrade this "
            "installation to that version first, then restore.")
    older = [f"{app} (backup {theirs.get(app, 'none')}, here {name})"
             for app, name in sorted(here.items()) if theirs.get(app) != name]
    if older:
        raise BackupError(
            f"The backup is from an older version of the service ({_made_by(manifest)}): its schema is "
            f"behind this version's in {', '.join(older)}. Restore it with the version that made it, "
            "then upgrade and run manage.py migrate, which brings the data up to date.")
    for entry in manifest["models"]:
        try:
            apps.get_model(entry["model"])
        except (LookupError, ValueError):
            raise BackupError(f"The backup holds {entry['model']} records, which this installation "
                              "does not know (is an app missing from INSTALLED_APPS?)") from None


def _safe_path(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) \
            or "\\" in relative:
        raise BackupError(f"The backup names a file outside the attachments folder: {relative!r}")
    return path


# -- 2. What is there already --------------------------------------------------------------


def existing_records(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """What the database and ATTACHMENTS_DIR hold that a restore would replace,
    as "casework.case: 12 rows", most rows first: every model a backup keeps, apart from what
    ``migrate`` loads into a new database, and every file. Empty when the
    database has not been migrated yet."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    found = []
    for model in kept_models():
        label = model._meta.label_lower
        if label in LOADED_BY_MIGRATE or model._meta.db_table not in tables:
            continue
        count = model._base_manager.using(using).count()
        if count:
            found.append((count, label))
    found = [f"{label}: {count:,} row{'s' if count != 1 else ''}"
             for count, label in sorted(found, key=lambda item: -item[0])]
    root = Path(settings.ATTACHMENTS_DIR)
    files = sum(1 for p in root.rglob("*") if p.is_file()) if root.is_dir() else 0
    if files:
        found.append(f"{files:,} file{'s' if files != 1 else ''} in {root}")
    return found


# -- 3. Unpacking the files ----------------------------------------------------------------


def _unpack_attachments(archive: zipfile.ZipFile, manifest: dict, root: Path) -> Path:
    """The backup's files, unpacked into a new folder beside ``root`` (so that
    putting them in place is a rename), readable by this service's user only."""
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}.restoring."))
    try:
        for entry in manifest["attachments"]:
            target = staging.joinpath(*_safe_path(entry["path"]).parts)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, _open_member(archive, entry["member"]) as member:
                _read_checked(member, entry["member"], manifest["members"][entry["member"]], out.write)
            if isinstance(entry.get("modified"), (int, float)):
                os.utime(target, (entry["modified"], entry["modified"]))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _put_in_place(staging: Path, root: Path) -> None:
    """Replace ``root`` with ``staging``; the old folder is deleted."""
    old = None
    try:
        if root.exists():
            old = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}.replaced."))
            os.replace(root, old / root.name)
        os.replace(staging, root)
    except OSError as error:
        raise BackupError(f"The database has been restored, but the attached files could not be put in "
                          f"{root} ({error}): they are in {staging}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- 4. Loading the rows -------------------------------------------------------------------


def _load(archive: zipfile.ZipFile, manifest: dict, using: str) -> int:
    connection = connections[using]
    loaded = [apps.get_model(entry["model"]) for entry in manifest["models"]]
    every = kept_models() + [field.remote_field.through for model in kept_models()
                             for field in many_to_many(model)]
    with transaction.atomic(using=using):
        _empty(connection, every)
        rows = 0
        for entry, model in zip(manifest["models"], loaded):
            rows += _load_model(archive, manifest, entry, model, using)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), every):
                cursor.execute(sql)
        try:
            connection.check_constraints()
        except DatabaseError as error:
            raise BackupError(f"The backup's records do not fit together: {error}") from None
        _check_counts(manifest, loaded, using)
    return rows


def _empty(connection, models) -> None:
    """Empty every table a backup restores, and the sessions (a session names
    a user by id, who may be someone else after the restore): flush's SQL,
    inside the restore's transaction."""
    tables = {model._meta.db_table for model in models}
    if apps.is_installed("django.contrib.sessions"):
        tables.add(apps.get_model("sessions", "Session")._meta.db_table)
    tables &= set(connection.introspection.table_names())
    sql = connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True)
    connection.ops.execute_sql_flush(sql)


def _load_model(archive, manifest, entry, model, using) -> int:
    """Insert one model's rows, a chunk at a time, as they were: raw, like
    loaddata (no save() methods, no signals, auto_now dates kept), but a chunk
    per INSERT. The member's checksum is checked again as it is read."""
    name = entry["member"]
    rows, pending = 0, b""
    batch = []

    def consume(block: bytes) -> None:
        nonlocal rows, pending, batch
        *lines, pending = (pending + block).split(b"\n")
        for line in lines:
            if line:
                batch.append(json.loads(line))
        if len(batch) >= CHUNK:
            rows += _insert(model, batch, using)
            batch = []

    try:
        with _open_member(archive, name) as member:
            _read_checked(member, name, manifest["members"][name], consume)
        if pending.strip():
            batch.append(json.loads(pending))
        if batch:
            rows += _insert(model, batch, using)
    except (DeserializationError, DatabaseError, json.JSONDecodeError, ValueError) as error:
        raise BackupError(f"The {entry['model']} records could not be restored: {error}") from None
    return rows


def _insert(model, batch: list[dict], using: str) -> int:
    if any(data.get("model") != model._meta.label_lower for data in batch):
        raise BackupError(f"The backup's {model._meta.label_lower} file holds other records")
    objects = list(Deserializer(batch, using=using))
    fields = [field for field in model._meta.local_concrete_fields if not field.generated]
    instances = [obj.object for obj in objects]
    size = connections[using].ops.bulk_batch_size(fields, instances) or len(instances)
    for start in range(0, len(instances), size):
        # QuerySet._insert with raw=True is what Model.save_base(raw=True) does
        # for one row (loaddata's path); bulk_create would reset auto_now dates.
        model._base_manager.using(using)._insert(instances[start:start + size], fields=fields, raw=True,
                                                 using=using)
    for field in many_to_many(model):
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        links = [through(**{source: obj.object.pk, target: pk})
                 for obj in objects for pk in obj.m2m_data.get(field.name, [])]
        through._base_manager.using(using).bulk_create(links, batch_size=CHUNK)
    return len(objects)


def _check_counts(manifest: dict, models: list, using: str) -> None:
    wrong = []
    for entry, model in zip(manifest["models"], models):
        count = model._base_manager.using(using).count()
        if count != entry["rows"]:
            wrong.append(f"{entry['model']}: {count} rows, the backup has {entry['rows']}")
        for name, expected in entry.get("links", {}).items():
            through = model._meta.get_field(name).remote_field.through
            count = through._base_manager.using(using).count()
            if count != expected:
                wrong.append(f"{entry['model']}.{name}: {count} links, the backup has {expected}")
    if wrong:
        raise BackupError("The restored records do not match the backup: " + "; ".join(wrong))
