"""The outbox: every email the service sends waits here until the mail server
has taken it, so an outage delays reminders but never loses them.

Queueing and sending live in complaints.notifications.outbox.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutgoingEmailQuerySet(models.QuerySet):
    def waiting(self):
        """Not sent yet, and not given up on."""
        return self.filter(sent_at=None, failed_at=None)

    def due(self, now):
        """Waiting, and the time for the next attempt has come. Served by outgoing_email_due."""
        return self.waiting().filter(next_attempt_at__lte=now)

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def failed(self):
        """Given up on after REMINDER_MAX_ATTEMPTS: kept for an administrator to see."""
        return self.filter(failed_at__isnull=False)


class OutgoingEmail(models.Model):
    """One plain-text email to one person, with its delivery history.

    Never deleted by the service: a message the mail server kept refusing is
    marked failed (``failed_at``), with the last error, and stays.
    """

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    html_body = models.TextField("HTML alternative", blank=True)
    # The same reminder for the same person on the same day is queued once,
    # however many times the job runs.
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField("Given up at", null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outgoing email"
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at=None) | Q(failed_at=None),
                name="outgoing_email_not_both_sent_and_failed",
            ),
        ]
        indexes = [
            # deliver_due: the waiting messages whose next attempt has come.
            models.Index(
                fields=["next_attempt_at"],
                name="outgoing_email_due",
                condition=Q(sent_at=None, failed_at=None),
            ),
        ]

    def __str__(self):
        return f"{self.subject} to {self.to}"

    @property
    def status(self) -> str:
        if self.sent_at:
            return "Sent"
        if self.failed_at:
            return "Failed"
        return "Waiting"
