"""What the audit log records of looking at people's records (issue #18,
finding 13): name searches, the case action forms, the letters list, the
action plan and members' pages, and every refused attempt on a case."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.casework import procedure
from complaints.casework.lookup import REFUSED
from complaints.records import services
from complaints.records.models import Action


def _entries(**filters):
    return AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, **filters)


@pytest.fixture
def officer_client(client, personas):
    client.force_login(personas["officer"])
    return client


def test_a_name_search_on_the_case_list_is_recorded(officer_client, personas, record_complaint):
    record_complaint(complainant="Sam Taylor")
    officer_client.get(reverse("case_list"), {"q": "  Taylor "})
    (entry,) = _entries(detail="Case list searched for “Taylor”")
    assert entry.user == personas["officer"]


def test_the_case_list_without_a_search_records_nothing(officer_client, record_complaint):
    record_complaint()
    officer_client.get(reverse("case_list"), {"status": "open"})
    assert not _entries().exists()


def test_opening_a_case_action_form_is_recorded_on_the_case(officer_client, record_complaint):
    case = record_complaint()
    officer_client.get(reverse("case_action", args=[case.reference, "acknowledge"]))
    assert _entries(object_type="casework.case", object_id=str(case.pk)).count() == 1


def test_the_letters_list_is_recorded_on_the_case(officer_client, record_complaint):
    case = record_complaint()
    officer_client.get(reverse("case_letters", args=[case.reference]))
    assert _entries(object_type="casework.case", object_id=str(case.pk), detail="Letters").count() == 1


def test_the_action_plan_and_an_action_are_recorded(officer_client):
    action = Action.objects.create(number=1, task="Return calls", owners="Heads of service",
                                   starts_on=date(2023, 4, 1), intended_outcome="Fewer complaints")
    officer_client.get(reverse("action_list"))
    officer_client.get(reverse("action_detail", args=[action.pk]))
    officer_client.get(reverse("action_edit", args=[action.pk]))
    assert _entries(detail="The action plan").count() == 1
    assert _entries(object_type="records.action", object_id=str(action.pk)).count() == 2


def test_the_members_pages_are_recorded(officer_client):
    enquiry = services.record_members_enquiry(
        member_name="Cllr Jo Patel", member_kind="councillor", received_on=date(2022, 12, 16),
        subject="A delay")
    officer_client.get(reverse("members_list"), {"year": "2022"})
    officer_client.get(reverse("members_edit", args=[enquiry.pk]))
    officer_client.get(reverse("members_respond", args=[enquiry.pk]))
    assert _entries(detail="Members' correspondence, 2022-23").count() == 1
    assert _entries(object_type="records.membersenquiry", object_id=str(enquiry.pk)).count() == 2


@pytest.mark.parametrize("url_name, args", [
    ("case_detail", []), ("case_action", ["acknowledge"]), ("case_letters", []),
])
def test_a_refused_attempt_on_a_restricted_case_is_on_its_audit_trail(
        client, personas, record_complaint, url_name, args):
    case = record_complaint()
    procedure.restrict(case, restricted=True, people=[], reason="Staff family", by=personas["manager"])
    client.force_login(personas["officer"])
    assert client.get(reverse(url_name, args=[case.reference, *args])).status_code == 404
    (entry,) = AuditEntry.objects.filter(object_type="casework.case", object_id=str(case.pk))
    assert (entry.user, entry.detail) == (personas["officer"], REFUSED)
