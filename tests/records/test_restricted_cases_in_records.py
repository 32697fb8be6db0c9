"""A restricted case reaches no one through the other records (issue #18,
findings 1, 3 and 14): the action plan, costs, Ombudsman cases and members'
correspondence find, show and list it only for the people named on it (and
administrators), and refuse its reference in the same words as one that does
not exist."""

import re
from datetime import date

import pytest
from django.urls import reverse

from complaints.accounts.models import User
from complaints.audit.models import AuditEntry
from complaints.casework import procedure
from complaints.casework.lookup import REFUSED
from complaints.records import services
from complaints.records.models import Action, Cost, MembersEnquiry, OmbudsmanCase
from tests.records.conftest import govuk_date

SECRET_POINT = "The foster carer hurt Jamie Hidden"
SECRET_SUBJECT = "Jamie Hidden and the placement"


@pytest.fixture
def named(django_user_model):
    """The one officer the restricted case is restricted to."""
    return django_user_model.objects.create_user(
        "named_officer", password="correct-horse-battery", role=User.Role.OFFICER)


@pytest.fixture
def restricted(record_complaint, team, named):
    # Received in 2021: its reference is not the forms' example, COM-2022-0001.
    case = record_complaint(team=team, child="Jamie Hidden", points=[SECRET_POINT],
                            received_on=date(2021, 9, 9))
    procedure.restrict(case, restricted=True, people=[named], reason="About a member of staff",
                       by=named)
    return case


def _action_data(**fields):
    return {"number": "1", "task": "Refresh the leaflets", "owners": "Complaints team",
            "intended_outcome": "Children know how to complain", "target_text": "",
            "status": "not_started", "cases": "", **govuk_date("starts_on", date(2023, 4, 1)),
            **govuk_date("target_on", date(2023, 9, 30)), **fields}


def _linked_by_the_named_officer(client, named, restricted, record_complaint):
    """The named officer adds action 1 from the restricted case and an open one,
    ticking both cases' points; the client is signed out again."""
    open_case = record_complaint(points=["Calls not returned"])
    client.force_login(named)
    client.post(reverse("action_new"), _action_data(cases=f"{restricted.reference}, {open_case.reference}"))
    action = Action.objects.get()
    points = [p.pk for p in (*restricted.points.all(), *open_case.points.all())]
    client.post(reverse("action_edit", args=[action.pk]),
                _action_data(cases=f"{restricted.reference}, {open_case.reference}", points=points))
    client.logout()
    assert action.points.count() == 2
    return action, open_case


# -- Finding 1: the action plan ------------------------------------------------------


def test_an_officer_not_named_cannot_link_the_restricted_case_to_an_action(
        signed_in, restricted):
    client = signed_in("officer")
    response = client.post(reverse("action_new"), _action_data(cases=restricted.reference))
    assert response.status_code == 200
    assert (f"There is no case with the reference {restricted.reference}. "
            "Enter case references, like COM-2022-0001") in response.content.decode()
    assert not Action.objects.exists()


def test_the_change_page_shows_an_officer_not_named_nothing_of_the_restricted_case(
        client, frozen, personas, named, restricted, record_complaint):
    action, open_case = _linked_by_the_named_officer(client, named, restricted, record_complaint)
    client.force_login(personas["officer"])
    html = client.get(reverse("action_edit", args=[action.pk])).content.decode()
    assert SECRET_POINT not in html and restricted.reference not in html
    assert open_case.reference in html and "Calls not returned" in html


def test_saving_the_action_keeps_the_restricted_case_and_point_it_cannot_see(
        client, frozen, personas, named, restricted, record_complaint):
    action, open_case = _linked_by_the_named_officer(client, named, restricted, record_complaint)
    client.force_login(personas["officer"])
    response = client.post(reverse("action_edit", args=[action.pk]), _action_data(
        task="Refresh the leaflets again", cases=open_case.reference,
        points=[p.pk for p in open_case.points.all()]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.task == "Refresh the leaflets again"
    assert set(action.cases.all()) == {restricted, open_case}
    assert action.points.count() == 2


@pytest.mark.parametrize("role", ["officer", "manager", "head", "reports"])
def test_the_action_page_shows_no_one_else_the_restricted_case_or_its_points(
        client, frozen, personas, named, restricted, record_complaint, role):
    action, _ = _linked_by_the_named_officer(client, named, restricted, record_complaint)
    client.force_login(personas[role])
    response = client.get(reverse("action_detail", args=[action.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET_POINT not in html and restricted.reference not in html


def test_the_named_officer_sees_the_points_and_the_case_has_it_on_its_audit_trail(
        client, frozen, named, restricted, record_complaint):
    action, _ = _linked_by_the_named_officer(client, named, restricted, record_complaint)
    client.force_login(named)
    assert SECRET_POINT in client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert AuditEntry.objects.filter(object_type="casework.case", object_id=str(restricted.pk),
                                     detail=f"Points of complaint on {action}", user=named).exists()


def test_report_viewers_never_see_points_of_complaint(client, frozen, personas, record_complaint):
    case = record_complaint(points=["Calls not returned"])
    action = Action.objects.create(number=1, task="Return calls", owners="Heads of service",
                                   starts_on=date(2023, 4, 1), intended_outcome="Fewer complaints")
    action.cases.add(case)
    action.points.add(*case.points.all())
    client.force_login(personas["reports"])
    html = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Calls not returned" not in html and case.reference not in html
    client.force_login(personas["officer"])
    assert "Calls not returned" in client.get(reverse("action_detail", args=[action.pk])).content.decode()


# -- Findings 1 and 14: every case-reference field ----------------------------------


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("url_name, data", [
    ("cost_new", {"category": "payments", "amount": "300.00", **govuk_date("incurred_on", date(2023, 5, 2))}),
    ("ombudsman_new", {"reference": "23 000 001", **govuk_date("enquiry_on", date(2023, 5, 2))}),
    ("members_new", {"member_name": "Cllr Jo Patel", "member_kind": "councillor",
                     "subject": "A delay", **govuk_date("received_on", date(2023, 5, 2))}),
])
def test_a_restricted_reference_is_refused_in_the_words_for_one_that_does_not_exist(
        signed_in, restricted, url_name, data):
    client = signed_in("officer")
    unknown = client.post(reverse(url_name), {**data, "case": "COM-1999-0001"}).content.decode()
    hidden = client.post(reverse(url_name), {**data, "case": restricted.reference}).content.decode()
    assert "There is no case with the reference COM-1999-0001. Enter a case reference" in unknown
    assert (f"There is no case with the reference {restricted.reference}. Enter a case reference"
            in hidden)
    assert _without_csrf(hidden.replace(restricted.reference, "COM-1999-0001")) == _without_csrf(unknown)
    assert not (Cost.objects.exists() or OmbudsmanCase.objects.exists() or MembersEnquiry.objects.exists())
    # The attempt is on the restricted case's own audit trail.
    assert AuditEntry.objects.filter(object_type="casework.case", object_id=str(restricted.pk),
                                     detail=REFUSED).count() == 1


def test_the_named_officer_may_link_the_restricted_case(client, frozen, named, restricted):
    client.force_login(named)
    response = client.post(reverse("cost_new"), {
        "category": "payments", "amount": "300.00", "case": restricted.reference,
        **govuk_date("incurred_on", date(2023, 5, 2))})
    assert response.status_code == 302
    assert Cost.objects.get().case == restricted


# -- Finding 3: members' correspondence ---------------------------------------------


@pytest.fixture
def hidden_enquiry(restricted):
    return services.record_members_enquiry(
        member_name="Cllr Lee Ward", member_kind="councillor", received_on=date(2023, 5, 2),
        subject=SECRET_SUBJECT, case=restricted)


@pytest.mark.parametrize("role", ["officer", "manager", "head", "reports"])
def test_an_enquiry_about_the_restricted_case_is_listed_to_no_one_else(
        signed_in, hidden_enquiry, restricted, role):
    html = signed_in(role).get(reverse("members_list")).content.decode()
    assert SECRET_SUBJECT not in html and restricted.reference not in html
    assert "No enquiries received in 2023-24" in html


@pytest.mark.parametrize("who", ["named", "admin"])
def test_the_named_officer_and_administrators_see_it_listed(
        client, frozen, personas, named, hidden_enquiry, who):
    client.force_login(named if who == "named" else personas["admin"])
    assert SECRET_SUBJECT in client.get(reverse("members_list")).content.decode()


@pytest.mark.parametrize("url_name", ["members_edit", "members_respond"])
def test_its_pages_answer_as_for_an_enquiry_that_does_not_exist(
        signed_in, hidden_enquiry, restricted, url_name):
    client = signed_in("officer")
    response = client.get(reverse(url_name, args=[hidden_enquiry.pk]))
    assert response.status_code == 404
    assert client.get(reverse(url_name, args=[hidden_enquiry.pk + 1000])).status_code == 404
    assert SECRET_SUBJECT not in response.content.decode()
    assert AuditEntry.objects.filter(object_type="casework.case", object_id=str(restricted.pk),
                                     detail=REFUSED).exists()


def test_costs_and_ombudsman_cases_of_the_restricted_case_are_hidden_the_same_way(
        signed_in, restricted):
    cost = Cost.objects.create(category="payments", amount="300.00", incurred_on=date(2023, 5, 2),
                               case=restricted)
    ombudsman = OmbudsmanCase.objects.create(reference="23 000 009", enquiry_on=date(2023, 5, 2),
                                             case=restricted)
    client = signed_in("officer")
    assert restricted.reference not in client.get(reverse("cost_list")).content.decode()
    assert "23 000 009" not in client.get(reverse("ombudsman_list")).content.decode()
    assert client.get(reverse("cost_edit", args=[cost.pk])).status_code == 404
    assert client.get(reverse("ombudsman_detail", args=[ombudsman.pk])).status_code == 404
    assert client.get(reverse("ombudsman_edit", args=[ombudsman.pk])).status_code == 404
