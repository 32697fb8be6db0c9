"""Remove uploaded files that no complaint was ever sent with.

A file is written when it is uploaded, before the complaint exists; if the
person never sends the complaint, nothing points at it. Run daily from cron.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.intake import uploads
from complaints.intake.models import Attachment

# Far longer than a session lasts (SESSION_IDLE_MINUTES), so no one is still
# filling in the form a file belongs to.
KEEP_FOR = timedelta(days=1)


class Command(BaseCommand):
    help = "Remove uploaded files older than a day that no complaint was sent with."

    def handle(self, *args, **options):
        kept = set(Attachment.objects.values_list("path", flat=True))
        removed = uploads.abandoned(timezone.now(), older_than=KEEP_FOR, kept=kept)
        for path in removed:
            path.unlink(missing_ok=True)
        self.stdout.write(f"removed {len(removed)} abandoned upload(s)")
