"""manage.py send_reminders: the daily cron line and the frequent retry line."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.db.models import F

from complaints.casework.models import Stage
from complaints.notifications.models import OutgoingEmail

SEVEN_AM = datetime(2022, 9, 22, 7, 0, tzinfo=ZoneInfo("Europe/London"))


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def overdue_case(record_complaint, officer):
    case = record_complaint(officer=officer, received_on=date(2022, 9, 1))  # due Thu 15 Sep
    Stage.objects.update(acknowledged_on=F("started_on"))
    return case


@time_machine.travel(SEVEN_AM, tick=False)
def test_the_daily_run_queues_and_sends_each_reminder_once(addressed, record_complaint):
    overdue_case(record_complaint, addressed["officer"])

    first, _ = run()
    second, _ = run()

    assert first.splitlines()[-1] == "queued 2, sent 2, failed 0, waiting 0"
    assert "2 already queued today" in second
    assert second.splitlines()[-1] == "queued 0, sent 0, failed 0, waiting 0"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.gov.uk", "officer@example.gov.uk"
    ]


@time_machine.travel(SEVEN_AM, tick=False)
def test_deliver_only_sends_what_is_waiting_and_queues_nothing(addressed, record_complaint):
    overdue_case(record_complaint, addressed["officer"])
    OutgoingEmail.objects.create(to="head@example.gov.uk", subject="Waiting", body="COM-2022-0001",
                                 dedupe_key="waiting")

    out, _ = run("--deliver-only")

    assert out.splitlines()[-1] == "queued 0, sent 1, failed 0, waiting 0"
    assert [m.subject for m in mail.outbox] == ["Waiting"]


def test_a_mail_server_outage_delays_reminders_without_losing_them(
    addressed, record_complaint, settings, free_port, mail_server
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port, 5
    case = overdue_case(record_complaint, addressed["officer"])

    with time_machine.travel(SEVEN_AM, tick=False) as clock:
        out, err = run()  # no exception: the command exits 0
        assert out.splitlines()[-1] == "queued 2, sent 0, failed 2, waiting 2"
        assert "Connection refused" in err and "next attempt at 07:01" in err

        mail_server.start()
        clock.shift(timedelta(minutes=5))
        out, err = run("--deliver-only")

    assert out.splitlines()[-1] == "queued 0, sent 2, failed 0, waiting 0" and err == ""
    received = {recipients[0]: message for recipients, message in mail_server.mailbox.received}
    assert set(received) == {"manager@example.gov.uk", "officer@example.gov.uk"}
    officers = received["officer@example.gov.uk"]
    assert officers["Subject"] == "Complaints due and overdue: Thu 22 Sep 2022"
    assert case.reference in officers.get_payload()


@time_machine.travel(SEVEN_AM, tick=False)
def test_a_message_given_up_on_is_reported(addressed, settings, free_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port
    settings.REMINDER_MAX_ATTEMPTS = 1
    OutgoingEmail.objects.create(to="head@example.gov.uk", subject="Doomed", body="-",
                                 dedupe_key="d")

    out, err = run("--deliver-only")

    assert out.splitlines()[-1] == (
        "queued 0, sent 0, failed 1, waiting 0 (1 given up: see Outgoing emails in the admin)"
    )
    assert "Gave up sending d to head@example.gov.uk after 1 attempts" in err


@time_machine.travel(datetime(2022, 9, 19, 7, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
def test_no_reminders_on_a_bank_holiday(addressed, record_complaint):
    overdue_case(record_complaint, addressed["officer"])
    out, _ = run()
    assert "Mon 19 Sep 2022 is not a working day" in out
    assert out.splitlines()[-1] == "queued 0, sent 0, failed 0, waiting 0"


@time_machine.travel(SEVEN_AM, tick=False)
def test_people_without_an_email_address_are_named(personas, record_complaint):
    overdue_case(record_complaint, personas["officer"])
    _, err = run()
    assert "No email address, so no reminder: officer, manager" in err
