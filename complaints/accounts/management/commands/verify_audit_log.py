"""Check the audit log's hash chain: exits 1 and lists every entry that was
edited, deleted or inserted after it was written."""

from django.core.management.base import BaseCommand, CommandError

from complaints.accounts import audit
from complaints.accounts.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the tamper-evident audit log."

    def handle(self, *args, **options):
        problems = audit.verify()
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"The audit log has been tampered with: {len(problems)} problem(s).")
        self.stdout.write(f"The audit log is intact: {AuditEntry.objects.count()} entries verified.")
