from django.core.management.base import BaseCommand

from complaints.transfer.workbook import write_template


class Command(BaseCommand):
    help = "Write the import template (an Excel workbook with notes and drop-down lists) to a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Where to write it, for example template.xlsx")

    def handle(self, *args, output, **options):
        write_template(output)
        self.stdout.write(f"Template written to {output}")
