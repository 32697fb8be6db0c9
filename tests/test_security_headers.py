"""Security headers and CSRF on every response."""

from django.test import Client
from django.urls import reverse


def test_pages_send_a_content_security_policy_and_other_headers(client, db):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_are_not_cached(client, personas):
    client.force_login(personas["officer"])
    assert client.get(reverse("my_work"))["Cache-Control"] == "no-store"


def test_a_form_posted_without_a_csrf_token_is_refused(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["officer"])
    assert client.post(reverse("case_new"), {}).status_code == 403
