"""The due-date calculator for people: `manage.py workdays add 2022-12-16 10`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from complaints.casework import services
from complaints.workdays.cli import format_due


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Add working days to a date. Prints the due date (YYYY-MM-DD) alone on the first "
        "line, then how it was worked out. Uses the administrators' holiday corrections."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help="START + DAYS working days (START is day 0)")
        add.add_argument("start", help="YYYY-MM-DD")
        add.add_argument("days", type=int)
        add.add_argument("--procedure", choices=["statutory", "corporate"], default="statutory")

    def handle(self, *args, verb, start, days, procedure, **options):
        if days < 0:
            raise CommandError("DAYS must be 0 or more")
        due = services.calendar(procedure).explain(
            _iso_date(start), days, rule=f"{days} working days ({procedure} calendar)"
        )
        self.stdout.write(format_due(due))
