"""Queue today's reminder emails and send what the outbox holds.

Two cron lines (see the README):

    0 7 * * 1-5   manage.py send_reminders                  # build, queue and send
    */5 * * * *   manage.py send_reminders --deliver-only   # retry what is waiting

Exits 0 when the mail server is down: the messages stay queued and the next
run tries again. Errors are printed on stderr.
"""

from django.core.management.base import BaseCommand

from complaints.casework import services
from complaints.notifications.models import OutgoingEmail
from complaints.notifications.outbox import deliver_due
from complaints.notifications.reminders import Queued, queue_reminders


class Command(BaseCommand):
    help = "Queue today's reminders (once a day, however often it runs) and send the outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--deliver-only", action="store_true",
            help="Send what is waiting in the outbox; queue no new reminders.",
        )

    def handle(self, *args, deliver_only=False, **options):
        queued = Queued()
        if not deliver_only:
            today = services.today()
            queued = queue_reminders(today)
            if not queued.working_day:
                self.stdout.write(f"{services.format_day(today)} is not a working day: "
                                  "no reminders queued.")
            if queued.already_queued:
                self.stdout.write(f"{queued.already_queued} already queued today.")
            if queued.no_address:
                self.stderr.write("No email address, so no reminder: "
                                  + ", ".join(queued.no_address))
        delivery = deliver_due()
        for error in delivery.errors:
            self.stderr.write(error)
        waiting = OutgoingEmail.objects.waiting().count()
        summary = (f"queued {queued.queued}, sent {delivery.sent}, failed {delivery.failed}, "
                   f"waiting {waiting}")
        if delivery.gave_up:
            summary += f" ({delivery.gave_up} given up: see Outgoing emails in the admin)"
        self.stdout.write(summary)
