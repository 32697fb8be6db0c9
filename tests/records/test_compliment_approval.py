"""Compliments are approved before anything of them is published (issue #16):
an officer takes the names out of the words and approves them; a report quotes
only approved words, and a change to what the approval rested on withdraws it."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records.models import Compliment
from complaints.reports.annual import build
from complaints.years import FinancialYear
from tests.records.conftest import govuk_date

pytestmark = pytest.mark.django_db


def _compliment(**fields):
    return Compliment.objects.create(**{
        "received_on": date(2023, 5, 2), "given_by": "parent", "staff_named": "Teju",
        "words": "Teju and Mrs Okafor at Hillside School listened to us.", "consent_to_publish": True,
        **fields})


def test_the_approval_page_offers_the_words_with_the_listed_names_taken_out(officer_client):
    compliment = _compliment()
    html = officer_client.get(reverse("compliment_approve", args=[compliment.pk])).content.decode()
    assert "X and Mrs Okafor at Hillside School listened to us." in html  # in the textarea
    assert "Approve a compliment for publishing" in html


def test_an_officer_takes_out_the_other_names_and_approves(officer_client, personas):
    compliment = _compliment()
    response = officer_client.post(reverse("compliment_approve", args=[compliment.pk]), {
        "published_text": "X and a teacher listened to us.", "names_removed": "on"})
    assert response.status_code == 302
    compliment.refresh_from_db()
    assert compliment.published_text == "X and a teacher listened to us."
    assert compliment.approved_on is not None
    assert compliment.approved_by == personas["officer"]
    assert list(Compliment.objects.publishable()) == [compliment]
    assert AuditEntry.objects.filter(action="change", object_type="records.compliment",
                                     detail="Approved for publishing").exists()


def test_approving_needs_the_confirmation_and_some_words(officer_client):
    compliment = _compliment()
    response = officer_client.post(reverse("compliment_approve", args=[compliment.pk]),
                                   {"published_text": " "})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the words to publish" in html
    assert "Confirm you have taken out every name and anything identifying" in html
    compliment.refresh_from_db()
    assert compliment.approved_on is None


def test_a_compliment_without_agreement_cannot_be_approved(officer_client):
    compliment = _compliment(consent_to_publish=False)
    response = officer_client.post(reverse("compliment_approve", args=[compliment.pk]), {
        "published_text": "X listened.", "names_removed": "on"})
    assert "did not agree to publication" in response.content.decode()
    compliment.refresh_from_db()
    assert compliment.approved_on is None


def test_changing_the_words_withdraws_the_approval(officer_client):
    compliment = _compliment(published_text="X listened.", approved_on=date(2023, 5, 3))
    officer_client.post(reverse("compliment_edit", args=[compliment.pk]), {
        "team": "", "given_by": "parent", "words": "Teju and Sam listened.", "staff_named": "Teju",
        "consent_to_publish": "on", **govuk_date("received_on", date(2023, 5, 2))})
    compliment.refresh_from_db()
    assert compliment.words == "Teju and Sam listened." and compliment.approved_on is None


def test_changing_only_the_team_keeps_the_approval(officer_client, team):
    compliment = _compliment(published_text="X listened.", approved_on=date(2023, 5, 3))
    officer_client.post(reverse("compliment_edit", args=[compliment.pk]), {
        "team": team.pk, "given_by": "parent", "words": compliment.words, "staff_named": "Teju",
        "consent_to_publish": "on", **govuk_date("received_on", date(2023, 5, 2))})
    compliment.refresh_from_db()
    assert compliment.team == team and compliment.approved_on == date(2023, 5, 3)


def test_withdrawing_the_approval(officer_client):
    compliment = _compliment(published_text="X listened.", approved_on=date(2023, 5, 3))
    assert officer_client.post(
        reverse("compliment_withdraw_approval", args=[compliment.pk])).status_code == 302
    compliment.refresh_from_db()
    assert compliment.approved_on is None and not Compliment.objects.publishable().exists()


def test_the_report_quotes_only_approved_words():
    _compliment(words="Priya Shah was brilliant.", staff_named="")  # agreed, never approved
    _compliment(received_on=date(2023, 6, 1), words="Teju was brilliant.",
                published_text="X was brilliant.", approved_on=date(2023, 6, 2))
    report = build(FinancialYear(2023))
    assert [example.words for example in report.examples] == ["X was brilliant."]
