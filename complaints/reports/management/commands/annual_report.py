"""python manage.py annual_report 2021-22 --format docx --output report.docx

Builds the annual report for a financial year from the records and writes it
as JSON, HTML, DOCX, PDF or XLSX: the same builder and renderers as the staff
page's downloads. Without --output, JSON and HTML go to standard output.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.reports.render import FORMATS, render
from complaints.years import FinancialYear


class Command(BaseCommand):
    help = "Write the annual complaints and compliments report for a financial year."

    def add_arguments(self, parser):
        parser.add_argument("year", help='the financial year, like "2021-22"')
        parser.add_argument("--format", choices=list(FORMATS), default="json", dest="fmt")
        parser.add_argument("--output", help="the file to write (JSON and HTML: standard output if left out)")
        parser.add_argument("--edition", choices=["published", "internal"], default="published",
                            help="published (the default) suppresses small counts; internal shows every count")

    def handle(self, *args, year, fmt, output, edition, **options):
        from complaints.reports.annual import build

        try:
            year = FinancialYear.parse(year)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if output is None and fmt not in ("json", "html"):
            raise CommandError(f"A {fmt.upper()} file needs --output FILE")
        content, _, _ = render(build(year, edition=edition), fmt)
        if output is None:
            self.stdout.write(content.decode(), ending="\n")
            return
        Path(output).write_bytes(content)
        self.stdout.write(f"Wrote the {edition} annual report {year} to {output} ({len(content):,} bytes)")
