"""Remove uploaded files that no complaint was ever sent with.

A file is written when it is uploaded, before the complaint exists; if the
person never sends the complaint, nothing points at it. Run daily from cron.
Uploads counted against their senders' addresses (complaints.intake.limits)
are forgotten after the same day.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.intake import uploads
from complaints.intake.models import Attachment, PublicUpload


class Command(BaseCommand):
    help = "Remove uploaded files older than a day that no complaint was sent with."

    def handle(self, *args, **options):
        kept = set(Attachment.objects.values_list("path", flat=True))
        now = timezone.now()
        removed = uploads.abandoned(now, older_than=uploads.KEPT_FOR, kept=kept)
        for path in removed:
            path.unlink(missing_ok=True)
        # Past the hour the upload limits count, and their files sent or gone.
        PublicUpload.objects.filter(uploaded_at__lt=now - uploads.KEPT_FOR).delete()
        self.stdout.write(f"removed {len(removed)} abandoned upload(s)")
