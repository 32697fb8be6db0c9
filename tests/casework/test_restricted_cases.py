"""A restricted case is seen only by the people named on it and administrators,
on every page and list."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.accounts.access import Action, can, visible_cases
from complaints.casework import procedure
from complaints.casework.models import Case
from complaints.casework.procedure import ProcedureError


@pytest.fixture
def restricted(record_complaint, personas, team):
    case = record_complaint(team=team, received_on=date(2022, 9, 9))
    procedure.restrict(case, restricted=True, people=[personas["officer"]],
                       reason="About a member of staff's family.", by=personas["manager"])
    return case


@pytest.mark.parametrize("role, sees", [
    ("officer", True), ("manager", True), ("admin", True),
    ("responding", False), ("head", False), ("reports", False), ("outsider", False),
])
def test_only_the_people_named_and_administrators_see_it(restricted, personas, role, sees):
    user = personas[role]
    assert can(user, Action.VIEW_CASE, restricted) is sees
    assert visible_cases(user, Case.objects.all()).filter(pk=restricted.pk).exists() is (
        sees and can(user, Action.LIST_CASES))


def test_an_unnamed_officer_finds_it_nowhere(restricted, client, personas, django_user_model):
    other = django_user_model.objects.create_user("other_officer", password="x" * 20, role="officer")
    client.force_login(other)
    assert client.get(reverse("case_detail", args=[restricted.reference])).status_code == 404
    assert restricted.reference not in client.get(reverse("case_list")).content.decode()
    assert restricted.reference not in client.get(reverse("case_list"), {"q": "Sam"}).content.decode()
    assert restricted.reference not in client.get(reverse("case_list"), {"year": "2022-23"}).content.decode()
    assert client.get(reverse("case_action", args=[restricted.reference, "respond"])).status_code == 404
    assert client.get(reverse("case_letters", args=[restricted.reference])).status_code == 404


def test_the_person_restricting_stays_on_the_list_and_a_reason_is_needed(record_complaint, personas):
    case = record_complaint()
    with pytest.raises(ProcedureError, match="Enter why the case is restricted"):
        procedure.restrict(case, restricted=True, people=[], reason=" ", by=personas["manager"])
    procedure.restrict(case, restricted=True, people=[], reason="Staff family.", by=personas["manager"])
    assert list(case.restricted_to.all()) == [personas["manager"]]
    procedure.restrict(case, restricted=False, people=[], reason="", by=personas["manager"])
    assert not case.restricted and not case.restricted_to.exists()
    assert case.timeline.first().text == "Restriction lifted."


def test_only_managers_and_administrators_may_restrict(client, personas, record_complaint):
    case = record_complaint()
    client.force_login(personas["officer"])
    assert client.get(reverse("case_action", args=[case.reference, "restrict"])).status_code == 403
    assert "restrict" not in client.get(reverse("case_detail", args=[case.reference])).content.decode()
    client.force_login(personas["manager"])
    page = client.get(reverse("case_action", args=[case.reference, "restrict"]))
    assert page.status_code == 200
    response = client.post(reverse("case_action", args=[case.reference, "restrict"]), {
        "version": case.version, "restricted": "on", "people": [personas["officer"].pk], "reason": "Staff."})
    assert response.status_code == 302
    assert set(Case.objects.get(pk=case.pk).restricted_to.all()) == {personas["officer"], personas["manager"]}
