"""python manage.py restore FILE [--yes]

Restores a file made by ``backup``: checks its manifest and every checksum,
refuses a database that already holds records unless --yes is given (which
deletes them), runs migrate, loads every row in one transaction, puts the
attached files back and checks the row counts. Stop the service first.
"""

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.operations.contents import BackupError
from complaints.operations.restore import restore


def made_at(manifest) -> str:
    at = datetime.fromisoformat(manifest["created_at"]).astimezone(UTC)
    return f"{at:%-d %b %Y %H:%M} UTC"


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup (into an empty database unless --yes)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file")
        parser.add_argument(
            "--yes", action="store_true",
            help="delete every record the database holds and every attached file, and replace them "
                 "with the backup's")

    def handle(self, *args, file, yes, **options):
        try:
            restored = restore(Path(file), replace=yes)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = restored.manifest
        made = manifest["product"]
        commit = f", git commit {made['git_commit'][:12]}" if made.get("git_commit") else ""
        if restored.replaced:
            self.stdout.write(f"Deleted what was there: {'; '.join(restored.replaced)}")
        self.stdout.write(
            f"Restored {file}, made {made_at(manifest)} from {manifest['database']['vendor']} "
            f"by version {made.get('version')}{commit}:\n"
            f"  {restored.rows:,} rows of {restored.models} models and {restored.files:,} attached files;\n"
            "  every checksum and every model's row count matches the backup.")
