"""Compliments pages: the words as given, and beside them the published form
(staff names replaced with X) where the giver agreed to publication."""

from datetime import date

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records.models import Compliment
from tests.records.conftest import govuk_date


def _post(client, url, **fields):
    data = {"team": "", "given_by": "parent", "words": "Teju listened to us. Thank you Teju!",
            "staff_named": "Teju", **govuk_date("received_on", date(2023, 5, 2))}
    data.update(fields)
    return client.post(url, data)


def test_adding_a_compliment_keeps_the_words_and_who_was_named(officer_client, team):
    response = _post(officer_client, reverse("compliment_new"), team=team.pk,
                     consent_to_publish="on")
    assert response.status_code == 302
    compliment = Compliment.objects.get()
    assert compliment.words == "Teju listened to us. Thank you Teju!"
    assert compliment.consent_to_publish and compliment.team == team
    assert AuditEntry.objects.filter(action="create", object_type="records.compliment").exists()


def test_the_list_shows_the_published_form_only_where_publication_was_agreed_and_approved(officer_client):
    # Changed with issue #16: agreement alone no longer publishes the words (with listed
    # names as X); an officer approves the words first, so the list says what waits.
    Compliment.objects.create(received_on=date(2023, 5, 2), given_by="parent", staff_named="Teju",
                              words="Teju listened to us.", consent_to_publish=True)
    Compliment.objects.create(received_on=date(2023, 5, 3), given_by="carer", staff_named="Sam",
                              words="Sam was kind.")
    Compliment.objects.create(received_on=date(2023, 5, 4), given_by="carer", words="Jo helped.",
                              consent_to_publish=True, published_text="X helped.",
                              approved_on=date(2023, 5, 5))
    html = officer_client.get(reverse("compliment_list")).content.decode()
    assert "Teju listened to us." in html and "X listened to us." not in html
    assert "Waiting for approval" in html and "1 compliment is waiting for approval" in html
    assert "Sam was kind." in html and "X was kind." not in html
    assert "X helped." in html and "Approved" in html
    assert "Not for publication" in html and "3 compliments received in 2023-24" in html


def test_missing_words_and_giver_are_refused(officer_client):
    response = _post(officer_client, reverse("compliment_new"), words="", given_by="")
    html = response.content.decode()
    assert "Enter what they said" in html and "Select who gave the compliment" in html
    assert not Compliment.objects.exists()


def test_changing_a_compliment_withdraws_consent(officer_client):
    compliment = Compliment.objects.create(
        received_on=date(2023, 5, 2), given_by="parent", words="Thank you.", consent_to_publish=True)
    url = reverse("compliment_edit", args=[compliment.pk])
    assert "checked" in officer_client.get(url).content.decode()
    assert _post(officer_client, url, words="Thank you.").status_code == 302
    compliment.refresh_from_db()
    assert not compliment.consent_to_publish
    assert AuditEntry.objects.filter(action="change", object_type="records.compliment").exists()
