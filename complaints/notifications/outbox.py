"""Queue email, and send what is queued, retrying with backoff.

``enqueue`` only writes a row; ``deliver_due`` is the only thing that talks to
the mail server. A message is sent at least once: if the process dies between
the server accepting it and the row being marked sent, it is sent again later.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone

from complaints.notifications.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Retries wait 1, 2, 4 ... minutes, never more than an hour: a short outage
# costs minutes, a long one costs at most an hour after the server is back.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)

# What a mail server that is down, refusing or slow raises. SMTPException and
# timeouts are both OSErrors; they are named for the reader.
SEND_ERRORS = (smtplib.SMTPException, TimeoutError, OSError)


def enqueue(*, to: str, subject: str, body: str, dedupe_key: str,
            html_body: str = "") -> tuple[OutgoingEmail, bool]:
    """Queue one email, unless one with ``dedupe_key`` is already queued (or was
    sent, or failed). Returns the message and whether it was queued now. One or
    two queries."""
    return OutgoingEmail.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={"to": to, "subject": subject, "body": body, "html_body": html_body},
    )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


@dataclass
class Delivery:
    """What one ``deliver_due`` run did."""

    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_due(now: datetime | None = None, connection=None) -> Delivery:
    """Send every waiting message whose next attempt has come, oldest first.

    Each message is tried on its own: a refusal is recorded on that message
    (attempts, last error, next attempt after ``retry_delay``) and the rest are
    still tried. After REMINDER_MAX_ATTEMPTS attempts a message is marked
    failed and never tried again, but kept. ``connection`` defaults to the
    EMAIL_BACKEND; the SMTP backend opens a connection per message.

    Safe to run from two processes at once: each message is claimed by a
    conditional update before it is sent, and only one claim succeeds. One
    query, then two per message.
    """
    now = now or timezone.now()
    connection = connection or get_connection()
    delivery = Delivery()
    for message in list(OutgoingEmail.objects.due(now).order_by("next_attempt_at", "pk")):
        if not _claim(message, now):
            continue
        try:
            if not connection.send_messages([_email(message)]):
                raise smtplib.SMTPException("The mail backend accepted nothing")
        except SEND_ERRORS as error:
            _record_failure(message, error, now, delivery)
        else:
            OutgoingEmail.objects.filter(pk=message.pk).update(sent_at=now, last_error="")
            delivery.sent += 1
    return delivery


def _claim(message: OutgoingEmail, now: datetime) -> bool:
    """Take ``message`` for this run by counting the attempt before making it.

    The update only matches if no other worker has counted an attempt since
    ``message`` was read, and it schedules the next attempt as if this one will
    fail, so a worker that dies mid-send leaves the message to be retried.
    No row lock is held while the mail server is talked to.
    """
    attempts = message.attempts + 1
    claimed = OutgoingEmail.objects.due(now).filter(
        pk=message.pk, attempts=message.attempts
    ).update(attempts=attempts, last_attempt_at=now, next_attempt_at=now + retry_delay(attempts))
    if claimed:
        message.attempts = attempts
    return bool(claimed)


def _record_failure(message: OutgoingEmail, error: Exception, now: datetime,
                    delivery: Delivery) -> None:
    text = f"{type(error).__name__}: {error}"
    delivery.failed += 1
    if message.attempts >= settings.REMINDER_MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=message.pk).update(last_error=text, failed_at=now)
        delivery.gave_up += 1
        report = (f"Gave up sending {message.dedupe_key} to {message.to} after "
                  f"{message.attempts} attempts: {text}")
        logger.error(report)
    else:
        OutgoingEmail.objects.filter(pk=message.pk).update(last_error=text)
        retry_at = timezone.localtime(now + retry_delay(message.attempts))
        report = (f"Could not send {message.dedupe_key} to {message.to} "
                  f"(attempt {message.attempts}): {text}; next attempt at {retry_at:%H:%M}")
        logger.warning(report)
    delivery.errors.append(report)


def _email(message: OutgoingEmail) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        # RFC 3834: asks out-of-office replies not to answer an automatic message.
        headers={"Auto-Submitted": "auto-generated"},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    return email
