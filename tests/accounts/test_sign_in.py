"""Signing in: GOV.UK errors, the audit log, and throttling of failures."""

from django.urls import reverse

from complaints.audit.models import AuditEntry


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_signing_in_takes_an_officer_to_my_work_and_is_audited(client, personas):
    response = sign_in(client, "officer", "correct-horse-battery")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == reverse("my_work")
    assert AuditEntry.objects.filter(action="sign_in", user=personas["officer"]).exists()


def test_a_wrong_password_gets_a_govuk_error_and_is_audited(client, personas):
    response = sign_in(client, "officer", "wrong")
    html = response.content.decode()
    assert "There is a problem" in html and "Enter a correct username and password" in html
    assert AuditEntry.objects.filter(action="sign_in_failed", detail__contains="officer").exists()


def test_empty_fields_get_govuk_errors(client, db):
    html = sign_in(client, "", "").content.decode()
    assert "Enter your username" in html and "Enter your password" in html


def test_five_failures_lock_the_account_even_with_the_right_password(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer", "wrong")
    response = sign_in(client, "officer", "correct-horse-battery")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_is_a_post_and_is_audited(client, personas):
    client.force_login(personas["officer"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="sign_out", user=personas["officer"]).exists()
    assert client.get(reverse("my_work")).status_code == 302
