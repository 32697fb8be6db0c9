"""Administrators keep the other records in the admin; nobody else reaches them."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records.models import Action, MembersEnquiry

MODELS = ["cost", "ombudsmancase", "membersenquiry", "compliment", "action", "actionupdate"]


@pytest.mark.parametrize("model", MODELS)
def test_an_administrator_reaches_each_record_list_and_add_page(client, personas, model):
    client.force_login(personas["admin"])
    assert client.get(reverse(f"admin:records_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:records_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_an_officer_is_refused_each_record_list(client, personas, model):
    client.force_login(personas["officer"])
    assert client.get(reverse(f"admin:records_{model}_changelist")).status_code == 403


def test_a_members_enquiry_added_in_the_admin_gets_its_due_date_worked_out(
    client, personas, settings
):
    settings.MEMBERS_ENQUIRY_TARGET_DAYS = 10
    client.force_login(personas["admin"])
    response = client.post(reverse("admin:records_membersenquiry_add"), {
        "member_name": "Jo Patel MP", "member_kind": "mp", "received_on": "2022-12-16",
        "subject": "Short breaks", "team": "", "case": "", "responded_on": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    enquiry = MembersEnquiry.objects.get()
    assert enquiry.due_on == date(2023, 1, 4) and enquiry.due_explanation["days"] == 10
    assert AuditEntry.objects.filter(action="create", object_type="records.membersenquiry").exists()


def test_an_action_and_its_update_are_added_on_one_admin_page(client, personas):
    client.force_login(personas["admin"])
    response = client.post(reverse("admin:records_action_add"), {
        "number": "10", "task": "Refresh leaflets", "owners": "Complaints team",
        "starts_on": "2023-04-01", "intended_outcome": "Children know how to complain",
        "target_on": "", "target_text": "On-going", "status": "in_progress",
        "cases": "", "points": "",
        "updates-TOTAL_FORMS": "1", "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0", "updates-MAX_NUM_FORMS": "1000",
        "updates-0-written_on": "2023-06-30", "updates-0-text": "Draft with designers.",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Action.objects.get().updates.get().text == "Draft with designers."
