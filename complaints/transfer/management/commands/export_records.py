from pathlib import Path

from django.core.management.base import BaseCommand

from complaints.accounts.access import Action
from complaints.transfer.management.commands._staff import staff
from complaints.transfer.services import export_records


class Command(BaseCommand):
    help = "Export every record to an Excel workbook in the import template's format (audited)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Where to write it, for example records.xlsx")
        parser.add_argument("--by", metavar="USERNAME", help="The administrator running it, for the audit log")

    def handle(self, *args, output, by=None, **options):
        user = staff(by, Action.EXPORT_RECORDS)
        counts = export_records(output, Path(output).name, by=user)
        self.stdout.write(f"Exported to {output}:")
        for sheet, count in counts.items():
            self.stdout.write(f"  {sheet}: {count:,}")
