"""The staff action pages: GOV.UK forms that call one domain function each."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from complaints.audit.models import AuditEntry
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
        "kind": "complex", "reason": "Complex",
        "told_on_day": "20", "told_on_month": "12", "told_on_year": "2022"})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "can be extended to at most 20 working days from receipt, not 21" in html
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


def _post(client, case, action, data):
    case.refresh_from_db()
    response = client.post(url(case, action), {"version": case.version, **data})
    assert response.status_code == 302, response.content.decode()
    return response


def _day(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _offered(client, case):
    html = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    from complaints.casework.actions import ACTIONS

    return {slug for slug in ACTIONS if url(case, slug) in html}


def test_the_case_page_offers_the_steps_that_fit_each_stage(officer_client, record_complaint, personas):
    from complaints.casework.models import Appointee

    case = record_complaint(received_on=date(2022, 9, 9), points=["Calls", "School"])
    first, second = case.points.all()
    assert _offered(officer_client, case) == {
        "allocate", "route", "acknowledge", "advocacy", "defer", "extend", "respond", "remedy", "learning",
        "resolve", "withdraw"}
    _post(officer_client, case, "defer", {**_day("on", date(2022, 9, 12)), "proceedings": "court",
                                          "reason": "Care proceedings."})
    assert {"resume"} <= _offered(officer_client, case) and not {"defer", "extend"} & _offered(officer_client, case)
    _post(officer_client, case, "resume", _day("on", date(2022, 9, 14)))
    _post(officer_client, case, "respond", {**_day("on", date(2022, 9, 28)), f"point_{first.pk}": "upheld",
                                            f"point_{second.pk}": "not_upheld"})
    assert _offered(officer_client, case) == {"advocacy", "remedy", "learning", "stage2"}
    _post(officer_client, case, "stage2", _day("on", date(2022, 10, 3)))
    assert {"appoint", "statement", "extend", "respond", "resolve"} <= _offered(officer_client, case)
    person = Appointee.objects.create(name="Pat Independent")
    _post(officer_client, case, "appoint", {"investigating_officer": "Chris", "investigator_kind": "external",
                                            "independent_person": person.pk, "adjudicator": "Dana"})
    _post(officer_client, case, "respond", {**_day("on", date(2022, 11, 1)), f"point_{first.pk}": "upheld",
                                            f"point_{second.pk}": "partial"})
    assert _offered(officer_client, case) == {"advocacy", "remedy", "learning", "stage3"}
    _post(officer_client, case, "stage3", _day("on", date(2022, 11, 7)))
    assert {"panel", "panel_meeting"} <= _offered(officer_client, case)
    panel = [Appointee.objects.create(name=name) for name in ("A Panel", "B Panel", "C Panel")]
    _post(officer_client, case, "panel", {"members": [p.pk for p in panel], "chair": panel[0].pk})
    _post(officer_client, case, "panel_meeting", {**_day("on", date(2022, 12, 1)),
                                                  f"point_{first.pk}": "upheld", f"point_{second.pk}": "upheld"})
    assert "panel_report" in _offered(officer_client, case)
    _post(officer_client, case, "panel_report", _day("on", date(2022, 12, 5)))
    _post(officer_client, case, "panel_response", _day("on", date(2022, 12, 20)))
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "upheld")
    assert _offered(officer_client, case) == {"advocacy", "remedy", "learning"}


@pytest.mark.parametrize("action", ["route", "advocacy", "defer", "extend", "respond", "remedy", "learning",
                                    "resolve", "withdraw", "allocate", "acknowledge"])
def test_every_stage_one_step_page_renders_its_form(officer_client, record_complaint, action):
    case = record_complaint()
    response = officer_client.get(url(case, action))
    assert response.status_code == 200
    assert '<form method="post" novalidate>' in response.content.decode()


def test_a_refused_appointment_leaves_nothing_saved(officer_client, record_complaint):
    from complaints.casework import procedure
    from complaints.casework.models import Appointee

    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.respond(case, on=date(2022, 9, 20), findings={case.points.get().pk: "upheld"}, by=None)
    procedure.request_stage_two(case, on=date(2022, 9, 22), by=None)
    councillor = Appointee.objects.create(name="Cllr Jo Bloggs", council_member=True)
    case.refresh_from_db()
    response = officer_client.post(url(case, "appoint"), {
        "version": case.version, "investigating_officer": "Chris", "investigator_kind": "external",
        "independent_person": councillor.pk, "adjudicator": ""})
    assert "Cllr Jo Bloggs cannot be the independent person: they are a member of the council" in (
        response.content.decode())
    stage = case.stages.get(number=2)
    assert stage.investigating_officer == "" and stage.independent_person is None
    assert Case.objects.get(pk=case.pk).version == case.version


@pytest.mark.parametrize("role", ["head", "reports", "outsider"])
def test_people_who_cannot_change_cases_cannot_open_any_step(client, personas, record_complaint, team, role):
    from complaints.casework.actions import ACTIONS

    case = record_complaint(team=team)
    client.force_login(personas[role])
    for action in ACTIONS:
        assert client.get(url(case, action)).status_code == 403, action


def test_an_unknown_step_is_not_found(officer_client, record_complaint):
    assert officer_client.get(url(record_complaint(), "delete-everything")).status_code == 404
