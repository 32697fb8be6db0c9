"""The outbox: queued once, sent through a real SMTP server, retried with backoff
while the server is down, given up on (but kept) after REMINDER_MAX_ATTEMPTS."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends import locmem

from complaints.notifications.models import OutgoingEmail
from complaints.notifications.outbox import deliver_due, enqueue, retry_delay

NOW = datetime(2022, 9, 22, 6, 0, tzinfo=UTC)


def queue(to="officer@example.gov.uk", key="reminders/2022-09-22/user-1", **extra):
    """Queue a message, first to be tried at NOW."""
    message, _ = enqueue(to=to, subject="Complaints due and overdue: Thu 22 Sep 2022",
                         body="COM-2022-0001: Stage 1 response due Tue 27 Sep 2022",
                         dedupe_key=key, **extra)
    OutgoingEmail.objects.filter(pk=message.pk).update(next_attempt_at=NOW)
    message.refresh_from_db()
    return message


def test_the_same_dedupe_key_is_queued_once(db):
    first, created = enqueue(to="a@example.gov.uk", subject="One", body="One", dedupe_key="k")
    second, created_again = enqueue(to="b@example.gov.uk", subject="Two", body="Two",
                                    dedupe_key="k")
    assert created and not created_again
    assert second.pk == first.pk and second.subject == "One"
    assert OutgoingEmail.objects.count() == 1


def test_a_message_survives_a_mail_server_outage(db, smtp, mail_server):
    message = queue()

    down = deliver_due(now=NOW, connection=smtp)

    message.refresh_from_db()
    assert (down.sent, down.failed, down.gave_up) == (0, 1, 0)
    assert message.attempts == 1 and message.sent_at is None and message.failed_at is None
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at == NOW + timedelta(minutes=1)
    assert "next attempt at" in down.errors[0]

    mail_server.start()
    too_soon = deliver_due(now=NOW + timedelta(seconds=30), connection=smtp)
    assert too_soon.sent == 0 and mail_server.mailbox.received == []

    up = deliver_due(now=NOW + timedelta(minutes=1), connection=smtp)

    message.refresh_from_db()
    assert (up.sent, up.failed) == (1, 0)
    assert message.sent_at == NOW + timedelta(minutes=1) and message.attempts == 2
    [(recipients, received)] = mail_server.mailbox.received
    assert recipients == ["officer@example.gov.uk"]
    assert received["Subject"] == "Complaints due and overdue: Thu 22 Sep 2022"
    assert received["To"] == "officer@example.gov.uk"
    assert received["Auto-Submitted"] == "auto-generated"
    assert deliver_due(now=NOW + timedelta(hours=5), connection=smtp).sent == 0


def test_one_refused_message_does_not_stop_the_others(db, smtp, mail_server):
    mail_server.start()
    queue(to="nobody@example.gov.uk", key="refused")
    queue(to="manager@example.gov.uk", key="accepted")

    delivery = deliver_due(now=NOW, connection=smtp)

    assert (delivery.sent, delivery.failed) == (1, 1)
    refused = OutgoingEmail.objects.get(dedupe_key="refused")
    assert "SMTPRecipientsRefused" in refused.last_error and refused.sent_at is None
    assert OutgoingEmail.objects.get(dedupe_key="accepted").sent_at == NOW
    [(recipients, _)] = mail_server.mailbox.received
    assert recipients == ["manager@example.gov.uk"]


def test_retries_wait_twice_as_long_each_time_up_to_an_hour():
    assert [retry_delay(n) for n in range(1, 9)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)
    ]


def try_each_time_it_is_due(message, times, connection):
    """Run deliver_due at each of ``message``'s next attempts: [(when, what it did)]."""
    runs = []
    for _ in range(times):
        message.refresh_from_db()
        runs.append((message.next_attempt_at, deliver_due(now=message.next_attempt_at,
                                                           connection=connection)))
    message.refresh_from_db()
    return runs


def test_each_failure_schedules_the_next_attempt_further_off(db, smtp, settings):
    settings.REMINDER_MAX_ATTEMPTS = 10
    message = queue()
    runs = try_each_time_it_is_due(message, 9, smtp)
    waits = [later - earlier for (earlier, _), (later, _) in zip(runs, runs[1:])]
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)]
    assert message.attempts == 9 and message.failed_at is None


def test_after_the_last_attempt_the_message_is_kept_and_marked_failed(db, smtp, settings, caplog):
    settings.REMINDER_MAX_ATTEMPTS = 3
    message = queue()
    results = [delivery for _, delivery in try_each_time_it_is_due(message, 3, smtp)]

    assert [r.gave_up for r in results] == [0, 0, 1]
    assert message.attempts == 3 and message.failed_at is not None and message.sent_at is None
    assert "ConnectionRefusedError" in message.last_error
    assert "Gave up sending" in caplog.text
    assert list(OutgoingEmail.objects.failed()) == [message]

    later = deliver_due(now=NOW + timedelta(days=7), connection=smtp)
    message.refresh_from_db()
    assert (later.sent, later.failed, message.attempts) == (0, 0, 3)


class SecondWorkerDuringSend(locmem.EmailBackend):
    """Another process runs deliver_due while this one is mid-send."""

    def send_messages(self, messages):
        self.second_worker = deliver_due(now=NOW, connection=locmem.EmailBackend())
        return super().send_messages(messages)


def test_two_workers_never_send_the_same_message(db):
    queue()
    connection = SecondWorkerDuringSend()

    first = deliver_due(now=NOW, connection=connection)

    assert first.sent == 1 and connection.second_worker.sent == 0
    assert len(mail.outbox) == 1


def test_an_html_alternative_is_sent_beside_the_plain_text(db):
    queue(html_body="<p>COM-2022-0001</p>")
    deliver_due()
    [sent] = mail.outbox
    assert sent.body.startswith("COM-2022-0001")
    assert sent.alternatives[0][1] == "text/html"


@pytest.mark.parametrize("attempts", [0, 4])
def test_nothing_is_sent_before_its_next_attempt(db, attempts):
    queue()
    OutgoingEmail.objects.update(attempts=attempts)
    assert deliver_due(now=NOW - timedelta(seconds=1)).sent == 0
    assert deliver_due(now=NOW).sent == 1
