"""A compliment through the public form becomes a compliment record."""

from datetime import date

from django.urls import reverse

from complaints.casework.models import Case
from complaints.intake.models import PublicSubmission
from complaints.records.models import Compliment
from tests.intake.answers import answer, compliment_answers, fill, send


def test_a_carers_compliment_is_recorded_for_the_team_with_consent(client, on_friday_16_december_2022):
    fill(client, "compliment", compliment_answers())
    sent = send(client, "compliment").content.decode()

    compliment = Compliment.objects.get()
    assert compliment.received_on == date(2022, 12, 16)
    assert compliment.team.name == "Fostering"
    assert compliment.given_by == "carer"
    assert compliment.words == "Teju listened and helped us every week."
    assert compliment.consent_to_publish is True
    # The public are not asked to list staff names: nothing is published until an
    # officer takes the names out and approves it (tests/records/test_compliment_approval.py).
    assert compliment.staff_named == "" and compliment.approved_on is None
    assert not Compliment.objects.publishable().exists()
    assert PublicSubmission.objects.get().compliment == compliment
    assert not Case.objects.exists()
    assert "Compliment sent" in sent


def test_no_consent_and_no_team(client, on_friday_16_december_2022):
    fill(client, "compliment", compliment_answers(
        team={"team": "unknown"}, sharing={"consent": "no"},
        **{"your-words": {"words": "Thank you all."}}))
    send(client, "compliment")

    compliment = Compliment.objects.get()
    assert compliment.team is None and compliment.consent_to_publish is False


def test_the_words_and_the_sharing_answer_are_required(client, db):
    answer(client, "compliment", {"team": compliment_answers()["team"],
                                  "who-you-are": {"given_by": "parent"}})
    words = client.post(reverse("intake_step", args=["compliment", "your-words"]), {"words": ""})
    sharing = client.post(reverse("intake_step", args=["compliment", "sharing"]), {})

    assert words.context["form"].errors["words"] == ["Enter what you would like to say"]
    assert sharing.context["form"].errors["consent"] == ["Select yes if we may share your words"]
