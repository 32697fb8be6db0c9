"""SQLite to PostgreSQL and back: a backup of one restores into the other
with nothing lost. A script, not a test (it needs a PostgreSQL server and
takes a minute or two):

    .venv/bin/python tests/operations/cross_database.py [--postgres postgres://postgres@127.0.0.1:5432]

1. A new SQLite database: migrate, the demonstration data, audit entries,
   attached files; its snapshot (every row, the records export, the annual
   reports, the files: tests/operations/snapshot.py); ``backup``.
2. A new PostgreSQL database: ``restore``, ``verify_audit_log``, the
   snapshot; ``backup``.
3. Another new SQLite database: ``restore`` the PostgreSQL backup,
   ``verify_audit_log``, the snapshot.

Exits 0 when the three snapshots are equal. The PostgreSQL database it makes
is dropped at the end.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def manage(env: dict, *args) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def this(env: dict, step: str) -> str:
    result = subprocess.run([PYTHON, __file__, f"--{step}"], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{step} failed:\n{result.stderr}")
    return result.stdout


def environment(url: str, files: Path) -> dict:
    return {**os.environ, "DATABASE_URL": url, "ATTACHMENTS_DIR": str(files),
            "DJANGO_SETTINGS_MODULE": "complaints.settings_test"}


def server(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def add_audit_entries_and_files() -> None:
    """What the demonstration data lacks: audit entries and attached files."""
    _django()
    from django.conf import settings

    from complaints.accounts.models import User
    from complaints.audit import audit
    from complaints.audit.models import AuditEntry
    from complaints.casework.models import Case

    officer = User.objects.get(username="officer")
    for case in Case.objects.order_by("pk")[:20]:
        audit.record(None, AuditEntry.Action.VIEW, case, user=officer)
    uploads = Path(settings.ATTACHMENTS_DIR) / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "a1b2c3").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 100)
    (uploads / "d4e5f6").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 1000)


def print_snapshot() -> None:
    _django()
    from tests.operations.snapshot import everything

    print(json.dumps(everything(), default=repr, sort_keys=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="the PostgreSQL server (a database is made on it and dropped)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--snapshot", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.prepare:
        return add_audit_entries_and_files()
    if options.snapshot:
        return print_snapshot()

    work = Path(tempfile.mkdtemp(prefix="cross-database-"))
    name = f"ops_cross_database_{os.getpid()}"
    postgres = f"{options.postgres.rstrip('/')}/{name}"
    first = environment(f"sqlite:///{work / 'first.sqlite3'}", work / "first-files")
    middle = environment(postgres, work / "postgres-files")
    last = environment(f"sqlite:///{work / 'last.sqlite3'}", work / "last-files")

    print("SQLite: migrate, demonstration data, audit entries, files, backup")
    manage(first, "migrate", "--verbosity", "0")
    manage(first, "demo_data", "--allow-without-debug")
    this(first, "prepare")
    before = this(first, "snapshot")
    print(manage(first, "backup", "--output", str(work / "sqlite.zip")).strip())

    server(options.postgres, f"CREATE DATABASE {name}")
    try:
        print("PostgreSQL: restore, verify the audit log, backup")
        print(manage(middle, "restore", str(work / "sqlite.zip")).strip())
        print(manage(middle, "verify_audit_log").strip())
        on_postgres = this(middle, "snapshot")
        print(manage(middle, "backup", "--output", str(work / "postgres.zip")).strip())
    finally:
        server(options.postgres, f"DROP DATABASE IF EXISTS {name}")

    print("SQLite again: restore the PostgreSQL backup, verify the audit log")
    print(manage(last, "restore", str(work / "postgres.zip")).strip())
    print(manage(last, "verify_audit_log").strip())
    after = this(last, "snapshot")

    same = before == on_postgres == after
    print(f"Snapshots ({len(before):,} characters) equal: SQLite = PostgreSQL = SQLite: {same}")
    if not same:
        for label, text in (("postgres", on_postgres), ("last", after)):
            (work / f"{label}.json").write_text(text)
        (work / "first.json").write_text(before)
        sys.exit(f"The snapshots differ: compare the JSON files in {work}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
