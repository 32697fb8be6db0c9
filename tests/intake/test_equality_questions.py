"""The equality questions: an optional page, "Prefer not to say" on each,
answers stored in the Monitoring model only."""

from django.urls import reverse

from complaints.casework.models import Case, Monitoring
from tests.intake.answers import (
    answer,
    complaint_answers,
    fill,
    send,
    step_url,
    young_person_answers,
)

PREFER_NOT = {"child_1_gender": "prefer_not", "child_1_ethnicity": "REFU",
              "child_1_disabilities": ["prefer_not"], "child_1_religion": "not-stated"}


def _monitoring(child):
    m = Monitoring.objects.get(child=child)
    return (m.gender, m.ethnicity.code if m.ethnicity else None,
            sorted(m.disabilities.values_list("code", flat=True)), m.religion.code if m.religion else None)


def test_prefer_not_to_say_is_stored_as_each_lists_own_code(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers(equality=PREFER_NOT))
    send(client, "complaint")

    child = Case.objects.get().children.get()
    # Gender "prefer not to say"; DfE REFU (refused); ONS "Not stated"; and no
    # disability code, as the DfE list has none for a refusal.
    assert _monitoring(child) == ("prefer_not", "REFU", [], "not-stated")


def test_answers_for_each_child_go_to_that_childs_monitoring(client, on_friday_16_december_2022):
    children = {"child_1_name": "Alex Taylor", "child_2_name": "Kim Taylor"}
    equality = {"child_1_gender": "female", "child_1_ethnicity": "WBRI",
                "child_1_disabilities": ["LD", "AUT"], "child_1_religion": "none",
                "child_2_gender": "male", "child_2_disabilities": ["NONE"]}
    fill(client, "complaint", complaint_answers(children=children, equality=equality))
    send(client, "complaint")

    alex, kim = Case.objects.get().children.all()
    assert _monitoring(alex) == ("female", "WBRI", ["AUT", "LD"], "none")
    assert _monitoring(kim) == ("male", None, ["NONE"], None)


def test_the_page_has_a_group_of_questions_about_each_child(client, db):
    children = {"child_1_name": "Alex Taylor", "child_2_name": "Kim Taylor"}
    answers = complaint_answers(children=children)
    answers.pop("equality")
    answer(client, "complaint", answers)

    page = client.get(step_url("complaint", "equality")).content.decode()

    assert "About Alex Taylor" in page and "About Kim Taylor" in page
    assert page.count("Prefer not to say") == 8


def test_the_page_may_be_skipped_and_nothing_is_stored(client, on_friday_16_december_2022):
    answers = complaint_answers()
    answers.pop("equality")
    answer(client, "complaint", answers)

    page = client.get(step_url("complaint", "equality")).content.decode()
    assert f'href="{reverse("intake_check", args=["complaint"])}">Skip these questions' in page
    assert client.get(reverse("intake_check", args=["complaint"])).status_code == 200
    send(client, "complaint")

    assert Case.objects.count() == 1 and not Monitoring.objects.exists()


def test_no_disability_or_prefer_not_to_say_cannot_be_ticked_with_a_disability(client, db):
    answers = complaint_answers()
    answers.pop("equality")
    answer(client, "complaint", answers)

    response = client.post(step_url("complaint", "equality"), {"child_1_disabilities": ["NONE", "LD"]})

    assert response.status_code == 200
    assert response.context["form"].errors["child_1_disabilities"] == [
        "Select ‘No disability’ on its own, or the disabilities that apply"]


def test_a_young_person_answers_about_themselves_in_plain_words(client, on_friday_16_december_2022):
    answers = young_person_answers(equality={"you_gender": "female", "you_disabilities": ["COMM"]})
    answer(client, "young-people", {k: v for k, v in answers.items() if k != "equality"})
    page = client.get(step_url("young-people", "equality")).content.decode()
    assert "Girl" in page and "Talking to people" in page and "What is your religion?" in page

    fill(client, "young-people", answers)
    send(client, "young-people")

    assert _monitoring(Case.objects.get().children.get()) == ("female", None, ["COMM"], None)


def test_equality_answers_are_not_on_the_case_page(client, personas, on_friday_16_december_2022):
    equality = {"child_1_ethnicity": "WIRT", "child_1_religion": "buddhist"}
    fill(client, "complaint", complaint_answers(equality=equality))
    send(client, "complaint")
    case = Case.objects.get()

    client.force_login(personas["officer"])
    page = client.get(reverse("case_detail", args=[case.reference])).content.decode()

    assert "Traveller of Irish heritage" not in page and "Buddhist" not in page
    assert "Irish" not in case.summary + case.complainant.support_needs
