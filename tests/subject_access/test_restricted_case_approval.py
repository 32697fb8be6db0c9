"""A restricted case goes into a subject access pack only with a named
approver, and every case in a pack has it on its own audit trail (issue #18,
finding 6)."""

import pytest
from django.urls import reverse

from complaints.accounts.models import User
from complaints.audit.models import AuditEntry
from complaints.subject_access.models import Disclosure
from complaints.subject_access.pack import build_pack
from complaints.subject_access.search import find
from complaints.subject_access.services import RequestError
from tests.subject_access.conftest import ALEX_BORN, error_messages


@pytest.fixture
def search_url(sar):
    return reverse("subject_access_search", args=[sar.reference])


@pytest.fixture
def second_manager(django_user_model):
    return django_user_model.objects.create_user(
        "second_manager", password="correct-horse-battery", role=User.Role.MANAGER,
        first_name="Rita", last_name="Second")


def _case_trail(case):
    return AuditEntry.objects.filter(object_type="casework.case", object_id=str(case.pk))


def test_a_restricted_case_with_no_approver_is_refused_and_nothing_is_made(
        manager_client, family, search_url):
    response = manager_client.post(search_url, {"party_cases": [f"case-{family.restricted_party.pk}"]})
    assert response.status_code == 200
    assert error_messages(response) == [
        f"Select who approved including the restricted case {family.restricted_party.reference}"]
    assert not Disclosure.objects.exists()
    assert not _case_trail(family.restricted_party).filter(action="export").exists()


def test_the_person_making_the_pack_cannot_approve_it_themselves(
        manager_client, family, search_url, personas):
    response = manager_client.post(search_url, {
        "party_cases": [f"case-{family.restricted_party.pk}"], "approved_by": personas["manager"].pk})
    assert error_messages(response) == [
        "Select someone other than you who may approve including restricted cases"]
    assert not Disclosure.objects.exists()


def test_only_managers_and_administrators_other_than_them_are_offered(
        manager_client, search_url, family, personas, second_manager):
    field = manager_client.get(search_url).context["form"].fields["approved_by"]
    assert set(field.queryset) == {personas["admin"], second_manager}


def test_with_an_approver_the_pack_is_made_and_each_case_has_it_on_its_trail(
        manager_client, family, sar, search_url, personas, second_manager):
    response = manager_client.post(search_url, {
        "party_cases": [f"case-{family.restricted_party.pk}", f"case-{family.child.pk}"],
        "approved_by": second_manager.pk})
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.approved_by == second_manager
    (restricted,) = _case_trail(family.restricted_party).filter(action="export")
    assert restricted.user == personas["manager"]
    assert restricted.detail == (f"In the disclosure pack {disclosure.filename} for {sar.reference}; "
                                 f"restricted, approved by {second_manager}")
    (other,) = _case_trail(family.child).filter(action="export")
    assert other.detail == f"In the disclosure pack {disclosure.filename} for {sar.reference}"
    page = manager_client.get(reverse("subject_access_detail", args=[sar.reference])).content.decode()
    assert f"Restricted cases approved by {second_manager}" in page


def test_a_pack_without_restricted_cases_needs_no_approver(manager_client, family, search_url):
    response = manager_client.post(search_url, {"party_cases": [f"case-{family.child.pk}"]})
    assert response.status_code == 302
    assert Disclosure.objects.get().approved_by is None
    assert _case_trail(family.child).filter(action="export").count() == 1


@pytest.mark.parametrize("approver", [None, "officer", "self"])
def test_the_pack_itself_refuses_a_restricted_case_without_a_proper_approver(
        family, sar, personas, approver):
    findings = find("Alex Taylor", ALEX_BORN)
    by = personas["manager"]
    approved_by = {None: None, "officer": personas["officer"], "self": by}[approver]
    with pytest.raises(RequestError):
        build_pack(sar, findings, by=by, approved_by=approved_by)
    assert not Disclosure.objects.exists()
