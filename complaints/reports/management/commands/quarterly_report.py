"""python manage.py quarterly_report 2021-22 Q3 --format docx --output q3.docx

The quarterly report for senior managers, from the records, in the same
formats as the annual report. Without --output, JSON and HTML go to standard output.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.reports import quarterly
from complaints.reports.render import FORMATS, render


class Command(BaseCommand):
    help = "Write the quarterly complaints report for senior managers."

    def add_arguments(self, parser):
        parser.add_argument("year", help='the financial year, like "2021-22"')
        parser.add_argument("quarter", help="Q1 to Q4 (Q1 starts the year)")
        parser.add_argument("--format", choices=list(FORMATS), default="json", dest="fmt")
        parser.add_argument("--output", help="the file to write (JSON and HTML: standard output if left out)")

    def handle(self, *args, year, quarter, fmt, output, **options):
        try:
            quarter = quarterly.Quarter.parse(f"{year} {quarter.upper()}")
        except ValueError as error:
            raise CommandError(str(error)) from None
        if output is None and fmt not in ("json", "html"):
            raise CommandError(f"A {fmt.upper()} file needs --output FILE")
        content, _, _ = render(quarterly.build(quarter), fmt)
        if output is None:
            self.stdout.write(content.decode(), ending="\n")
            return
        Path(output).write_bytes(content)
        self.stdout.write(f"Wrote the quarterly report {quarter} to {output} ({len(content):,} bytes)")
