"""The audit log: who did what to which record (AuditEntry), chained so that an
entry edited, deleted or inserted afterwards is found (AuditChainHead, audit.py).

Below accounts: every app, accounts' own sign-in pages included, writes here; the
user is named through AUTH_USER_MODEL."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """Who viewed, created, changed, exported or deleted which record, when and from where.

    Written by complaints.audit.audit.record(); never edited.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
        SIGN_OUT = "sign_out", "Signed out"

    # Set by audit.record before the hash is taken (not auto_now_add, which would
    # change it again on save).
    at = models.DateTimeField(default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    # Kept as text too, so the entry still says who after a user is deleted.
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.TextField(blank=True)
    # The tamper-evident chain (complaints.audit.audit): each entry's hash
    # covers its content and the hash of the entry before it.
    sequence = models.PositiveBigIntegerField(unique=True, null=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        # The table kept its name when the log moved out of accounts (audit 0001).
        db_table = "accounts_auditentry"
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            # The audit search: everything that happened to one record.
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            # The audit search: everything one user did, newest first.
            models.Index(fields=["user", "-at"], name="audit_user_at"),
            models.Index(fields=["-at"], name="audit_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"

    def content(self) -> str:
        """What the entry's hash covers, in a fixed form."""
        return "\x1f".join(str(part) for part in (
            self.sequence, self.at.isoformat(), self.user_id or "", self.username, self.action,
            self.object_type, self.object_id, self.object_repr, self.path, self.ip_address or "",
            self.detail, self.previous_hash,
        ))


class AuditChainHead(models.Model):
    """The end of the audit chain: the last entry's sequence number and hash.

    One row. Writing an entry first updates it, which makes concurrent writers
    take turns (a row lock on PostgreSQL, the write lock on SQLite), so the
    chain never forks; it also shows when the newest entries were deleted.
    """

    sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "accounts_auditchainhead"
