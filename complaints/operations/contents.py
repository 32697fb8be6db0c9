"""What a backup holds and in what form: shared by ``backup`` and ``restore``.

A backup is one ZIP file:

- ``data/NNN-app.model.jsonl``: every row of one model, one JSON object a
  line in Django's serialised form ({"model", "pk", "fields"}), in the order
  ``serializers.sort_dependencies`` gives (NNN). Rows keep their primary keys,
  so the audit log's hash chain, case references and links survive exactly.
- ``attachments/PATH``: every file under ATTACHMENTS_DIR, at its path there.
- ``manifest.json``, written last: the format, when and from what it was
  made, the migration state, each model's row count and every member's
  SHA-256. Restore checks all of it before it touches the database.

Content types and permissions are not kept: ``migrate`` recreates them, with
ids that may differ, so rows that point at them (the admin's log, groups' and
users' permissions) name them by natural key. Sessions are not kept either.
"""

import datetime
import subprocess
import tomllib
from importlib import metadata

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db.migrations.executor import MigrationExecutor

FORMAT = "complaints-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data/"
ATTACHMENTS = "attachments/"

# Recreated by migrate (post_migrate): never restored, referred to by natural key.
RECREATED = {"contenttypes.contenttype", "auth.permission"}
# Signed-in sessions: meaningless in another database (and a session naming a
# user id would sign in whoever has that id after a restore).
NOT_KEPT = RECREATED | {"sessions.session"}
# What ``migrate`` itself loads into a new database (casework.reference_data and
# the audit chain's head): a database holding only these is empty of records.
LOADED_BY_MIGRATE = {
    "accounts.servicearea", "accounts.team", "audit.auditchainhead",
    "casework.theme", "casework.channel", "casework.ethnicity", "casework.disability",
    "casework.religion",
}

# Rows serialised (and inserted) per batch: memory stays flat whatever the size.
CHUNK = 2000


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, for the person running it."""


def kept_models() -> list:
    """Every model a backup keeps, in an order that loads (models with natural
    keys after what those keys depend on). Auto-created many-to-many tables are
    kept as lists on the model that declares them."""
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module is not None]
    return [
        model for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.label_lower not in NOT_KEPT and not model._meta.proxy and model._meta.managed
    ]


def many_to_many(model) -> list:
    """The model's many-to-many fields whose table Django made (kept in its rows)."""
    return [field for field in model._meta.local_many_to_many if field.remote_field.through._meta.auto_created]


def rows_of(model, using):
    """Every row of ``model`` by primary key. The base manager: a default
    manager that filters must not hide rows from a backup."""
    return model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)


class Serializer(PythonSerializer):
    """Django's Python serialiser, with content types and permissions named by
    natural key (their ids are not kept) and every other relation by primary
    key. ``serialize_chunk`` reads a chunk's many-to-many links in one query
    per field, and natural keys come from one query per model, not per row."""

    def __init__(self):
        super().__init__()
        self._natural_keys = {}
        self._links = {}

    def serialize_chunk(self, model, chunk: list, using) -> list[dict]:
        """``chunk``: rows of ``model`` in primary key order."""
        first, last = chunk[0].pk, chunk[-1].pk
        for field in many_to_many(model):
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = {}
            pairs = through._base_manager.using(using).filter(
                **{f"{source}__gte": first, f"{source}__lte": last}).order_by("pk")
            for obj_pk, related_pk in pairs.values_list(source, target):
                links.setdefault(obj_pk, []).append(related_pk)
            self._links[field.name] = links
        return self.serialize(chunk)

    def _natural(self, model, pk):
        if model not in self._natural_keys:
            self._natural_keys[model] = {
                obj.pk: list(obj.natural_key()) for obj in model._base_manager.select_related()
            }
        return self._natural_keys[model][pk]

    def handle_fk_field(self, obj, field):
        model = field.remote_field.model
        if model._meta.label_lower in RECREATED:
            value = getattr(obj, field.attname)
            self._current[field.name] = None if value is None else self._natural(model, value)
        else:
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return
        model = field.remote_field.model
        pks = self._links[field.name].get(obj.pk, [])
        if model._meta.label_lower in RECREATED:
            self._current[field.name] = [self._natural(model, pk) for pk in pks]
        else:
            self._current[field.name] = pks


class Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, except that times keep their microseconds: its
    ECMA-262 form drops them, and the audit log's hashes cover them."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def migration_state(connection) -> dict[str, str]:
    """The latest migration of each app, which the database must have applied
    (a backup of a half-migrated database would restore as neither schema)."""
    executor = MigrationExecutor(connection)
    conflicts = executor.loader.detect_conflicts()
    if conflicts:
        raise BackupError(f"The migrations conflict ({', '.join(sorted(conflicts))}): fix them first")
    leaves = executor.loader.graph.leaf_nodes()
    waiting = executor.migration_plan(leaves)
    if waiting:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in waiting[:5])
        raise BackupError(f"The database is missing {len(waiting)} migration(s) ({names}): "
                          "run manage.py migrate first")
    return dict(sorted(leaves))


def product() -> dict:
    """This installation's version and, where it is a git checkout, its commit."""
    try:
        version = metadata.version("complaints")
    except metadata.PackageNotFoundError:
        try:
            with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
                version = tomllib.load(file)["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            version = None
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True,
            timeout=10, check=True,
        ).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"version": version, "git_commit": commit}
