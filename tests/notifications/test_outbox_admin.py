"""Administrators read the outbox in the admin; nobody changes or deletes it there."""

from django.urls import reverse

from complaints.notifications.models import OutgoingEmail


def message():
    return OutgoingEmail.objects.create(
        to="officer@example.gov.uk", subject="Complaints due and overdue: Thu 22 Sep 2022",
        body="COM-2022-0001", dedupe_key="k", attempts=30, last_error="ConnectionRefusedError",
    )


def test_an_administrator_sees_each_message_and_its_last_error(client, personas):
    email = message()
    client.force_login(personas["admin"])
    listing = client.get(reverse("admin:notifications_outgoingemail_changelist"))
    detail = client.get(reverse("admin:notifications_outgoingemail_change", args=[email.pk]))
    assert listing.status_code == 200 and "officer@example.gov.uk" in listing.content.decode()
    assert detail.status_code == 200 and "ConnectionRefusedError" in detail.content.decode()


def test_nobody_adds_changes_or_deletes_a_message_in_the_admin(client, personas):
    email = message()
    client.force_login(personas["admin"])
    assert client.get(reverse("admin:notifications_outgoingemail_add")).status_code == 403
    assert client.post(reverse("admin:notifications_outgoingemail_change", args=[email.pk]),
                       {"to": "someone@example.gov.uk"}).status_code == 403
    assert client.post(reverse("admin:notifications_outgoingemail_delete", args=[email.pk]),
                       {"post": "yes"}).status_code == 403
    assert OutgoingEmail.objects.get().to == "officer@example.gov.uk"


def test_an_officer_is_refused_the_outbox(client, personas):
    client.force_login(personas["officer"])
    assert client.get(reverse("admin:notifications_outgoingemail_changelist")).status_code == 403
