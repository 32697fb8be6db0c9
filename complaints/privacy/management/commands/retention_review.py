"""For cron: how many records are past their retention date, by type. A
complaints manager confirms their destruction on the Retention review page."""

from django.core.management.base import BaseCommand

from complaints.privacy import retention


class Command(BaseCommand):
    help = "List records past their retention date (nothing is destroyed without a manager's confirmation)."

    def handle(self, *args, **options):
        total = 0
        for group in retention.due():
            total += len(group.records)
            self.stdout.write(f"{len(group.records):>6}  {group.rule}")
        self.stdout.write(f"{total} record(s) to review at /retention/.")
