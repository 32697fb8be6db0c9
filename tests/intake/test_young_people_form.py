"""The form made for children and young people: one question a page, plain
words, an advocate offered; the same result as the adult form."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.casework.models import Case
from complaints.notifications.models import OutgoingEmail
from tests.intake.answers import fill, send, step_url, young_person_answers
from tests.intake.readability import grade, sentences

# A reading age of 9 to 10.
MOST_GRADE = 5.0


def test_a_young_persons_complaint_is_a_case_from_the_childrens_app_about_them(
    client, on_friday_16_december_2022
):
    fill(client, "young-people", young_person_answers())
    sent = send(client, "young-people").content.decode()

    case = Case.objects.get()
    assert case.channel.code == "childrens-app"
    assert (case.complainant.name, case.complainant.relationship) == ("Jo Green", "young_person")
    assert [(c.name, c.date_of_birth) for c in case.children.all()] == [("Jo Green", date(2010, 5, 4))]
    assert case.summary == "My social worker keeps changing and nobody tells me."
    assert case.desired_outcome == "One worker who stays."
    assert case.team is None and case.officer is None and case.procedure == "statutory"
    assert case.stages.get().due_on == date(2023, 1, 4)
    assert case.reference in sent
    assert "We will reply by <strong>Wednesday 4 January 2023</strong>" in sent


def test_the_advocate_offer_and_the_answer_are_recorded(client, on_friday_16_december_2022):
    fill(client, "young-people", young_person_answers(advocate={"advocate": "not_sure"}))
    send(client, "young-people")

    case = Case.objects.get()
    assert case.advocacy_offered_on == date(2022, 12, 16)
    assert case.advocacy_accepted is None and not case.advocacy_provided
    assert "Advocate offered Fri 16 Dec 2022: no answer yet." in [e.text for e in case.timeline.all()]


@pytest.mark.parametrize(("answer", "accepted"), [("yes", True), ("no", False)])
def test_yes_and_no_to_an_advocate(client, on_friday_16_december_2022, answer, accepted):
    fill(client, "young-people", young_person_answers(advocate={"advocate": answer}))
    send(client, "young-people")

    assert Case.objects.get().advocacy_accepted is accepted


def test_the_channel_is_configurable(client, settings, on_friday_16_december_2022):
    settings.INTAKE_CHANNEL = "online"
    fill(client, "young-people", young_person_answers())
    send(client, "young-people")

    assert Case.objects.get().channel.code == "online"


def test_the_receipt_email_is_in_plain_words_without_names(client, on_saturday_7_january_2023):
    fill(client, "young-people", young_person_answers())
    sent = send(client, "young-people").content.decode()

    email = OutgoingEmail.objects.get()
    assert "You sent it on a Saturday, so we start counting on Monday 9 January." in email.body
    assert "Jo" not in email.body and "social worker" not in email.body
    assert grade(f"<main><p>{email.body}</p></main>") <= MOST_GRADE
    assert "You sent this on a Saturday, so we start counting on Monday 9 January." in sent


def test_birthday_help_and_contact_may_be_left_empty(client, on_friday_16_december_2022):
    fill(client, "young-people", young_person_answers(
        birthday={}, contact={"email": "", "phone": ""}, **{"what-would-help": {}}))
    send(client, "young-people")

    case = Case.objects.get()
    assert case.children.get().date_of_birth is None
    assert case.complainant.email == "" and case.desired_outcome == ""
    assert not OutgoingEmail.objects.exists()


def test_each_page_asks_one_question(client, db):
    for step, answer in young_person_answers().items():
        page = client.get(step_url("young-people", step))
        if step != "equality":
            assert len(page.context["form"].questions()) == (2 if step == "contact" else 1), step
        client.post(step_url("young-people", step), answer)


def _journey_pages(client):
    """Every page a young person sees, with and without error messages."""
    pages = {"start": client.get(reverse("intake_start", args=["young-people"]))}
    for step, answer in young_person_answers().items():
        url = step_url("young-people", step)
        pages[step] = client.get(url)
        wrong = client.post(url, {"name": "", "summary": "", "advocate": "",
                                  "email": "not an email", "phone": "call me",
                                  **_date("birthday", step)})
        if wrong.status_code == 200:
            pages[f"{step} (errors)"] = wrong
        client.post(url, answer)
    pages["check"] = client.get(reverse("intake_check", args=["young-people"]))
    pages["sent"] = send(client, "young-people")
    return pages


def _date(step, current):
    if step != current:
        return {}
    return {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2010"}


def test_every_page_reads_at_a_reading_age_of_9_to_10(client, on_friday_16_december_2022):
    """Flesch–Kincaid grade 5 or lower on every page, errors included."""
    pages = _journey_pages(client)

    grades = {name: grade(page.content.decode()) for name, page in pages.items()}

    assert {name: g for name, g in grades.items() if g > MOST_GRADE} == {}
    everything = "".join(page.content.decode() for page in pages.values())
    assert grade(everything) <= MOST_GRADE


def test_the_start_page_says_they_can_ask_for_help_and_explains_an_advocate(client, db):
    page = sentences(client.get(reverse("intake_start", args=["young-people"])).content.decode())

    assert "You can ask someone to help you" in page
    assert ("You can also have an advocate. An advocate is a person who is on your side and "
            "helps you say what you want. It is free.") in page
