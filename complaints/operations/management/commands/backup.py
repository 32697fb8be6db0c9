"""python manage.py backup --output FILE

Writes everything the service stores to one ZIP file: every model's rows in a
form any supported database restores (SQLite to PostgreSQL and back), the
migration state, the files under ATTACHMENTS_DIR and a manifest with every
member's SHA-256. ``restore`` reads it back. The file holds personal data: it
is made readable by its owner only.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.operations.backup import write_backup
from complaints.operations.contents import BackupError


class Command(BaseCommand):
    help = "Back up every record, the audit log and the attached files to one ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the file to write (it must not exist yet)")

    def handle(self, *args, output, **options):
        try:
            manifest = write_backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(entry["rows"] for entry in manifest["models"])
        size = Path(output).stat().st_size
        self.stdout.write(
            f"Backed up {rows:,} rows of {len(manifest['models'])} models and "
            f"{len(manifest['attachments']):,} attached files from {manifest['database']['vendor']} "
            f"to {output} ({size:,} bytes)")
