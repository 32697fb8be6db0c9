"""How the question pages move: in order, back, change from "Check your
answers", after a session ended and after sending. No JavaScript needed."""

from django.test import Client
from django.urls import reverse

from complaints.casework.models import Case
from tests.intake.answers import answer, complaint_answers, fill, send, step_url

START = reverse("intake_start", args=["complaint"])
CHECK = reverse("intake_check", args=["complaint"])


def test_check_your_answers_before_answering_goes_to_the_first_question(client, db):
    assert client.get(CHECK)["Location"] == START
    client.get(step_url("complaint", "about-you"))

    assert client.get(CHECK)["Location"] == step_url("complaint", "about-you")


def test_a_later_question_before_the_earlier_ones_goes_to_the_first_unanswered(client, db):
    answer(client, "complaint", {"about-you": complaint_answers()["about-you"]})

    response = client.get(step_url("complaint", "contact"))

    assert response["Location"] == step_url("complaint", "children")


def test_each_page_links_back_to_the_one_before(client, db):
    first = client.get(step_url("complaint", "about-you")).content.decode()
    answer(client, "complaint", {"about-you": complaint_answers()["about-you"]})
    second = client.get(step_url("complaint", "children")).content.decode()

    assert f'href="{START}" class="govuk-back-link"' in first
    assert f'href="{step_url("complaint", "about-you")}" class="govuk-back-link"' in second


def test_an_answer_changed_from_check_your_answers_comes_back_to_it(client, on_friday_16_december_2022):
    check = fill(client, "complaint", complaint_answers()).content.decode()
    change = f"{step_url('complaint', 'what-happened')}?check"
    assert f'href="{change}"' in check

    page = client.get(change)
    assert "Nobody returned my calls" in page.content.decode()
    response = client.post(change, {"summary": "The plan was never sent to me."})

    assert response["Location"] == CHECK
    send(client, "complaint")
    assert Case.objects.get().summary == "The plan was never sent to me."


def test_an_earlier_answer_made_invalid_sends_you_back_to_it(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())
    session = client.session
    session["intake:complaint"]["answers"]["about-you"]["name"] = [""]
    session.save()

    assert client.get(CHECK)["Location"] == step_url("complaint", "about-you")
    assert client.post(CHECK, {})["Location"] == step_url("complaint", "about-you")
    assert not Case.objects.exists()


def test_after_a_session_ends_the_answer_being_sent_is_kept_and_you_are_told(db):
    client = Client()
    response = client.post(step_url("complaint", "what-happened"), {"summary": "A long story"}, follow=True)

    assert response.redirect_chain[-1][0] == step_url("complaint", "about-you")
    assert "We could not find your earlier answers" in response.content.decode()
    answer(client, "complaint", {"about-you": complaint_answers()["about-you"],
                                 "children": complaint_answers()["children"]})
    assert "A long story" in client.get(step_url("complaint", "what-happened")).content.decode()


def test_after_sending_the_form_starts_afresh(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())
    send(client, "complaint")

    page = client.get(step_url("complaint", "about-you")).content.decode()

    assert "Sam Taylor" not in page
    assert client.get(CHECK)["Location"] == step_url("complaint", "about-you")


def test_pages_need_no_javascript_they_post_and_redirect(client, db):
    page = client.get(step_url("complaint", "about-you")).content.decode()

    assert '<form method="post" novalidate>' in page
    assert "<script" not in page.split("</head>")[1]
    assert 'maxlength' not in page


def test_the_three_forms_have_their_own_start_pages(client, db):
    for journey, heading in [("complaint", "Make a complaint about children’s services"),
                             ("young-people", "Tell us what is wrong"),
                             ("compliment", "Send a compliment")]:
        page = client.get(reverse("intake_start", args=[journey])).content.decode()
        assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in page


def test_the_accessibility_statement_names_the_standard_and_links_the_forms(client, db):
    page = client.get(reverse("accessibility")).content.decode()

    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in page
    for journey in ("complaint", "young-people", "compliment"):
        assert f'href="{reverse("intake_start", args=[journey])}"' in page
