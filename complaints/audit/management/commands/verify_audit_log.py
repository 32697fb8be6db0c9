"""Check the audit log's keyed hash chain: exits 1 and lists every entry that was
edited, deleted or inserted after it was written.

--export-head prints the newest entry as SEQUENCE:MAC (after checking the chain)
for cron to keep on another system; --head SEQUENCE:MAC also checks that entry is
still there, unchanged, so a log cut short or rewritten since is found.
--sign-legacy signs, once after upgrading, the entries made before AUDIT_HMAC_KEY."""

from django.core.management.base import BaseCommand, CommandError

from complaints.audit import audit
from complaints.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the tamper-evident audit log."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--head", metavar="SEQUENCE:MAC",
                          help="a head printed earlier by --export-head, which must still be in the log")
        what.add_argument("--export-head", action="store_true",
                          help="print the newest entry as SEQUENCE:MAC, to be kept on another system")
        what.add_argument("--sign-legacy", action="store_true",
                          help="once, after upgrading: sign the entries made before AUDIT_HMAC_KEY")

    def handle(self, *args, head=None, export_head=False, sign_legacy=False, **options):
        if sign_legacy:
            return self._sign_legacy()
        try:
            head = audit.Head.parse(head) if head else None
        except ValueError as error:
            raise CommandError(f"--head: {error}") from None
        problems = audit.verify(head=head)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"The audit log has been tampered with: {len(problems)} problem(s).")
        if export_head:
            newest = audit.export_head()
            if newest is None:
                raise CommandError("The audit log is empty: there is no head to export.")
            self.stdout.write(str(newest))
            return
        checked = f", up to and including entry {head.sequence} as exported" if head else ""
        self.stdout.write(f"The audit log is intact: {AuditEntry.objects.count()} entries verified{checked}.")

    def _sign_legacy(self):
        try:
            signed = audit.sign_legacy()
        except audit.NotSigned as refused:
            for problem in refused.args[0]:
                self.stderr.write(str(problem))
            raise CommandError("Nothing was signed: the audit log has problems besides entries "
                               "made before AUDIT_HMAC_KEY.") from None
        self.stdout.write(f"{signed} entries made before AUDIT_HMAC_KEY are now signed with it; "
                          "export the head again (--export-head).")
