"""Abuse and bad input: CSRF, the honeypot, the rate limit, over-long and
malformed answers, over-large bodies, a form sent twice; nothing half-saved."""

import pytest
from django.test import Client
from django.urls import reverse

from complaints.casework.models import Case, Theme
from complaints.intake import limits, services
from complaints.intake.models import PublicSubmission
from complaints.notifications.models import OutgoingEmail
from tests.intake.answers import answer, complaint_answers, date_post, fill, send, step_url

CHECK = reverse("intake_check", args=["complaint"])


def _page_errors(response):
    return response.context["form"].errors


def test_a_post_without_the_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    client.get(step_url("complaint", "about-you"))

    response = client.post(step_url("complaint", "about-you"), {"name": "Sam", "relationship": "parent"})

    assert response.status_code == 403


def test_a_post_with_the_csrf_token_is_accepted(db):
    client = Client(enforce_csrf_checks=True)
    page = client.get(step_url("complaint", "about-you"))
    token = page.context["csrf_token"]

    response = client.post(step_url("complaint", "about-you"),
                           {"name": "Sam", "relationship": "parent", "csrfmiddlewaretoken": token})

    assert response.status_code == 302


def test_a_filled_in_honeypot_on_a_page_is_refused_and_nothing_kept(client, db):
    response = client.post(step_url("complaint", "about-you"),
                           {"name": "Sam", "relationship": "parent", "website": "http://spam.example"})

    assert response.status_code == 400
    assert "We could not accept this form" in response.content.decode()
    assert client.get(step_url("complaint", "children"))["Location"] == step_url("complaint", "about-you")


def test_a_filled_in_honeypot_on_check_your_answers_sends_nothing(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())

    response = client.post(CHECK, {"website": "spam"})

    assert response.status_code == 400
    assert not Case.objects.exists() and not PublicSubmission.objects.exists()


def test_an_address_may_send_only_so_many_forms_an_hour(settings, on_friday_16_december_2022):
    settings.INTAKE_RATE_LIMIT = 2
    for _ in range(2):
        client = Client()
        fill(client, "complaint", complaint_answers())
        send(client, "complaint")

    third = Client()
    fill(third, "complaint", complaint_answers())
    refused = third.post(CHECK, {})

    assert refused.status_code == 429
    assert "Please try again later" in refused.content.decode()
    assert Case.objects.count() == 2 and PublicSubmission.objects.count() == 2
    assert third.get(CHECK).status_code == 200  # the answers are kept
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    fill(elsewhere, "complaint", complaint_answers())
    send(elsewhere, "complaint")
    assert Case.objects.count() == 3


def test_the_address_is_kept_only_as_a_keyed_hash(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())
    send(client, "complaint")

    stored = PublicSubmission.objects.get().address
    assert "127.0.0.1" not in stored and len(stored) == 64
    assert stored == limits.address_key("127.0.0.1")


MALFORMED = [
    ("about-you", {"name": "", "relationship": "parent"}, "name", "Enter your full name"),
    ("about-you", {"name": "S" * 201, "relationship": "parent"}, "name",
     "Your full name must be 200 characters or less"),
    ("about-you", {"name": "Sam", "relationship": "king"}, "relationship",
     "Select your relationship to the child"),
    ("about-you", {"name": "Sam\x00", "relationship": "parent"}, "name",
     "Your full name must not include hidden characters"),
    ("children", {"child_1_name": "Alex", **date_post("child_1_date_of_birth", 31, 2, 2012)},
     "child_1_date_of_birth", "Date of birth must be a real date"),
    ("children", {"child_1_name": "Alex", **date_post("child_1_date_of_birth", 1, 1, 2099)},
     "child_1_date_of_birth", "Date of birth must be in the past"),
    ("children", {"child_1_name": "Alex", **date_post("child_1_date_of_birth", 1, 1, 12)},
     "child_1_date_of_birth", "Year must include 4 numbers"),
    ("children", {"child_1_name": "", **date_post("child_2_date_of_birth", 1, 1, 2012)},
     "child_2_name", "Enter the child’s full name"),
    ("what-happened", {"summary": "x" * 10_001}, "summary",
     "What happened must be 10,000 characters or less"),
    ("what-happened", {"summary": "   "}, "summary", "Enter what happened"),
    ("team", {"team": "999999"}, "team", "Select the team, or ‘I do not know’"),
    ("contact", {"email": "sam at example", "phone": "", "address": ""}, "email",
     "Enter an email address in the correct format, like name@example.com"),
    ("contact", {"email": "", "phone": "call me maybe", "address": ""}, "phone",
     "Enter a phone number, like 01632 960 001 or 07700 900 982"),
    ("contact", {"email": "", "phone": "", "address": ""}, "email",
     "Enter an email address, a phone number or a postal address"),
    ("help", {"help": ["interpreter"], "details": ""}, "details",
     "Enter the language you need an interpreter for"),
    ("help", {"help": ["a pony"]}, "help", "Select the help you need from the list"),
]


@pytest.mark.parametrize(("step", "data", "field", "message"), MALFORMED,
                         ids=[f"{m[0]}-{m[2]}-{i}" for i, m in enumerate(MALFORMED)])
def test_bad_answers_get_a_govuk_error_message(client, db, step, data, field, message):
    answers = complaint_answers()
    answer(client, "complaint", {s: a for s, a in answers.items() if s != step and
                                 list(answers).index(s) < list(answers).index(step)})

    response = client.post(step_url("complaint", step), data)

    assert response.status_code == 200
    assert _page_errors(response)[field] == [message]
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: " in page
    assert message.replace("’", "&#x27;") in page or message in page


def test_an_over_large_body_gets_a_govuk_page_not_a_server_error(client, settings, db):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000

    response = client.post(step_url("complaint", "what-happened"), {"summary": "x" * 2_000})

    assert response.status_code == 400
    assert "Your answers could not be read" in response.content.decode()


def test_too_many_fields_gets_a_govuk_page(client, settings, db):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    response = client.post(step_url("complaint", "about-you"), {f"f{n}": "x" for n in range(20)})

    assert response.status_code == 400


def test_a_malformed_multipart_body_gets_a_govuk_page(client, db):
    response = client.generic("POST", step_url("complaint", "documents"), b"--nonsense",
                              content_type="multipart/form-data; boundary=")

    assert response.status_code == 400
    assert "Your answers could not be read" in response.content.decode()


def test_sending_twice_records_one_case(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())
    send(client, "complaint")

    again = client.post(CHECK, {})

    assert again["Location"] == reverse("intake_sent", args=["complaint"])
    assert Case.objects.count() == 1


def test_the_same_form_sent_at_once_from_two_tabs_is_one_case(on_friday_16_december_2022):
    complaint = services.PublicComplaint(
        form="complaint", name="Sam", relationship="parent", summary="What happened",
        children=[{"name": "Alex", "date_of_birth": None}], email="sam@example.com")

    first = services.send_complaint(complaint, token="a" * 32, address="192.0.2.1")
    second = services.send_complaint(complaint, token="a" * 32, address="192.0.2.1")

    assert first.pk == second.pk
    assert Case.objects.count() == 1 and OutgoingEmail.objects.count() == 1


def test_a_failure_while_recording_leaves_nothing_half_saved(on_friday_16_december_2022):
    Theme.objects.filter(code=services.UNCLASSIFIED_THEME).delete()
    complaint = services.PublicComplaint(
        form="complaint", name="Sam", relationship="parent", summary="What happened",
        children=[{"name": "Alex", "date_of_birth": None}], email="sam@example.com")

    with pytest.raises(Theme.DoesNotExist):
        services.send_complaint(complaint, token="b" * 32, address="192.0.2.1")

    assert not PublicSubmission.objects.exists()
    assert not Case.objects.exists() and not OutgoingEmail.objects.exists()


def test_an_unknown_form_or_question_is_not_found(client, db):
    assert client.get("/complaint/no-such-question/").status_code == 404
    assert client.get("/complaints-please/").status_code == 404
