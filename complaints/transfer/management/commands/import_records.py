from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.accounts.access import Action
from complaints.transfer.importer import import_file
from complaints.transfer.management.commands._staff import staff


class Command(BaseCommand):
    help = ("Check an Excel workbook, CSV file or ZIP of CSV files of records and, with --commit, "
            "import it. Nothing is imported unless the whole file is free of problems.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="An .xlsx workbook, a .csv file or a .zip of .csv files")
        parser.add_argument("--commit", action="store_true",
                            help="Import it (without this, a dry run: nothing is saved)")
        parser.add_argument("--by", metavar="USERNAME",
                            help="The member of staff running it, named on the timeline and in the audit log")

    def handle(self, *args, file, commit=False, by=None, **options):
        user = staff(by, Action.IMPORT_RECORDS)
        path = Path(file)
        try:
            handle = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot open {file}: {error.strerror}") from None
        with handle:
            report = import_file(handle, path.name, commit=commit, by=user)
        self.stdout.write(report.describe())
        if not report.ok:
            raise CommandError(f"{report.problem_count:,} problem{'s' if report.problem_count != 1 else ''} "
                               f"in {path.name}: nothing was imported")
