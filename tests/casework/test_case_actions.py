"""The staff action pages: GOV.UK forms that call one domain function each."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from complaints.accounts.models import AuditEntry
from complaints.casework.models import Case


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2023, 2, 1), tick=False):
        yield


@pytest.fixture
def officer_client(client, personas):
    client.force_login(personas["officer"])
    return client


def url(case, action):
    return reverse("case_action", args=[case.reference, action])


def test_recording_an_acknowledgement_updates_the_case_and_the_audit_log(officer_client, record_complaint):
    case = record_complaint(received_on=date(2022, 12, 16), procedure="corporate")
    response = officer_client.post(url(case, "acknowledge"), {
        "version": case.version, "on_day": "19", "on_month": "12", "on_year": "2022", "method": "email"})
    assert response.status_code == 302
    assert case.stages.get().acknowledged_on == date(2022, 12, 19)
    assert AuditEntry.objects.filter(action="change", detail="Record the Stage 1 acknowledgement").exists()


def test_a_refused_step_is_shown_as_a_govuk_error_and_changes_nothing(officer_client, record_complaint):
    case = record_complaint(received_on=date(2022, 12, 16))
    response = officer_client.post(url(case, "extend"), {
        "version": case.version, "new_due_day": "19", "new_due_month": "1", "new_due_year": "2023",
        "reason": "Complex", "told_on_day": "20", "told_on_month": "12", "told_on_year": "2022"})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "at most 20 working days" in html
    assert case.stages.get().due_on == date(2023, 1, 4)


def test_a_stale_form_is_refused_with_a_clear_message(officer_client, personas, record_complaint):
    case = record_complaint(received_on=date(2022, 12, 16))
    opened = case.version
    officer_client.post(url(case, "allocate"), {
        "version": opened, "officer": personas["officer"].pk, "team": case.team_id or 1})
    response = officer_client.post(url(case, "withdraw"), {
        "version": opened, "on_day": "20", "on_month": "12", "on_year": "2022", "reason": "Gone"})
    assert "Someone else changed this case" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "open"


def test_the_response_form_asks_for_a_finding_per_point(officer_client, record_complaint):
    case = record_complaint(received_on=date(2022, 12, 16))
    point = case.points.get()
    html = officer_client.get(url(case, "respond")).content.decode()
    assert "Point 1: Calls not returned" in html
    officer_client.post(url(case, "respond"), {
        "version": case.version, "on_day": "4", "on_month": "1", "on_year": "2023", f"point_{point.pk}": "upheld"})
    assert Case.objects.get(pk=case.pk).outcome == "upheld"


def test_an_unknown_action_is_not_found(officer_client, record_complaint):
    case = record_complaint()
    assert officer_client.get(url(case, "teleport")).status_code == 404


def test_a_head_of_service_cannot_take_actions(client, personas, team, record_complaint):
    case = record_complaint(team=team)
    client.force_login(personas["head"])
    assert client.get(url(case, "withdraw")).status_code == 403
