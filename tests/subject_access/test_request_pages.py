"""The requests list, recording a request, its page, and the steps that change
it (extend, pack sent, close, refuse), through the test client."""

from datetime import date

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.subject_access import services
from complaints.subject_access.models import SubjectAccessRequest
from tests.subject_access.conftest import error_messages

NEW = {
    "requester_name": "Sam Taylor", "relationship": "parent", "subject_name": "Alex  Taylor",
    "subject_date_of_birth_day": "31", "subject_date_of_birth_month": "3",
    "subject_date_of_birth_year": "2012", "subject_email": "", "other_identifiers": "",
    "received_on_day": "31", "received_on_month": "1", "received_on_year": "2023", "notes": "",
}


def _step(sar, step):
    return reverse("subject_access_change", args=[sar.reference, step])


def test_recording_a_request_gives_its_reference_and_due_date(manager_client, personas):
    response = manager_client.post(reverse("subject_access_new"), NEW)
    sar = SubjectAccessRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subject_access_detail", args=["SAR-2023-0001"])
    assert (sar.requester_name, sar.subject_name, sar.relationship) == ("Sam Taylor", "Alex Taylor", "parent")
    assert sar.subject_date_of_birth == date(2012, 3, 31) and sar.due_on == date(2023, 2, 28)
    assert AuditEntry.objects.filter(action="create", object_id=str(sar.pk), user=personas["manager"]).exists()


def test_someone_asking_for_themselves_need_not_give_their_name_twice(manager_client):
    manager_client.post(reverse("subject_access_new"), {**NEW, "relationship": "self", "subject_name": ""})
    assert SubjectAccessRequest.objects.get().subject_name == "Sam Taylor"


def test_a_request_with_missing_or_wrong_answers_shows_gov_uk_errors(manager_client):
    response = manager_client.post(reverse("subject_access_new"), {
        **NEW, "requester_name": "", "relationship": "", "received_on_day": "", "received_on_month": "",
        "received_on_year": "", "subject_email": "not an email", "subject_date_of_birth_month": "13",
    })
    assert response.status_code == 200
    assert error_messages(response) == [
        "Enter the full name of the person asking",
        "Select who is asking",
        "Their date of birth must be a real date",
        "Enter an email address in the correct format, like name@example.com",
        "Enter the date the request was received",
    ]
    assert response.content.decode().count('class="govuk-error-message"') == 5
    assert "<title>Error: " in response.content.decode()
    assert not SubjectAccessRequest.objects.exists()


def test_someone_asking_for_another_must_say_who_it_is_about(manager_client):
    response = manager_client.post(reverse("subject_access_new"), {**NEW, "subject_name": ""})
    assert error_messages(response) == ["Enter the full name of the person the request is about"]


def test_a_request_received_in_the_future_is_refused(manager_client):
    response = manager_client.post(reverse("subject_access_new"), {**NEW, "received_on_year": "2024"})
    assert error_messages(response) == ["Date the request was received must be today or in the past"]


def test_the_list_shows_open_requests_soonest_due_first_flagging_overdue_and_extended(
        manager_client, sar, officer, django_assert_max_num_queries):
    late = services.record_request(services.NewRequest(
        requester_name="Pat Jones", relationship="self", subject_name="Pat Jones",
        received_on=date(2022, 12, 1)), by=officer)
    services.extend(sar, to=date(2023, 4, 28), reason="Complex", told_on=date(2023, 2, 1))
    with django_assert_max_num_queries(8):
        html = manager_client.get(reverse("subject_access_list")).content.decode()
    assert html.index(late.reference) < html.index(sar.reference)
    late_row = html[html.index(late.reference):html.index(sar.reference)]
    assert "Overdue" in late_row and "Extended" not in late_row
    sar_row = html[html.index(sar.reference):html.index("</tr>", html.index(sar.reference))]
    assert "Fri 28 Apr 2023" in sar_row and "Extended" in sar_row and "Overdue" not in sar_row


def test_the_request_page_explains_the_due_date_and_is_audited(manager_client, sar, personas):
    html = manager_client.get(reverse("subject_access_detail", args=[sar.reference])).content.decode()
    assert "Tue 28 Feb 2023" in html and "February has no 31st" in html
    assert "Latest it can be extended to" in html and "Tue 2 May 2023" in html
    assert reverse("subject_access_search", args=[sar.reference]) in html
    assert _step(sar, "extend") in html and _step(sar, "refuse") in html
    assert AuditEntry.objects.filter(action="view", object_id=str(sar.pk), detail="").exists()


def test_extending_a_request(manager_client, sar):
    response = manager_client.post(_step(sar, "extend"), {
        "extended_to_day": "2", "extended_to_month": "5", "extended_to_year": "2023",
        "reason": "Records are held by three teams", "told_on_day": "1", "told_on_month": "2",
        "told_on_year": "2023",
    })
    assert response.status_code == 302
    sar.refresh_from_db()
    assert sar.extended_to == date(2023, 5, 2) and sar.extension_told_on == date(2023, 2, 1)
    assert AuditEntry.objects.get(action="change", object_id=str(sar.pk)).detail == "Extended to Tue 2 May 2023"


def test_an_extension_beyond_two_further_months_shows_the_error_on_the_date(manager_client, sar):
    response = manager_client.post(_step(sar, "extend"), {
        "extended_to_day": "3", "extended_to_month": "5", "extended_to_year": "2023",
        "reason": "Complex", "told_on_day": "1", "told_on_month": "2", "told_on_year": "2023",
    })
    assert error_messages(response) == [
        "The new due date must be on or before Tue 2 May 2023: a request can be extended by two "
        "further months at most"]
    assert 'href="#id_extended_to_0"' in response.content.decode()
    sar.refresh_from_db()
    assert sar.extended_to is None


def test_an_extension_needs_its_reason_and_dates(manager_client, sar):
    response = manager_client.post(_step(sar, "extend"), {"reason": ""})
    assert error_messages(response) == [
        "Enter the new due date", "Enter why the request needs more time",
        "Enter the date the requester was told"]


def test_marking_the_pack_sent_then_closing(manager_client, sar):
    manager_client.post(_step(sar, "pack-sent"), {"on_day": "1", "on_month": "2", "on_year": "2023"})
    manager_client.post(_step(sar, "close"), {"on_day": "1", "on_month": "2", "on_year": "2023",
                                              "note": "Requester confirmed receipt"})
    sar.refresh_from_db()
    assert (sar.status, sar.pack_sent_on, sar.closed_on) == ("closed", date(2023, 2, 1), date(2023, 2, 1))
    assert list(AuditEntry.objects.filter(action="change").order_by("sequence").values_list(
        "detail", flat=True)) == ["Pack sent on Wed 1 Feb 2023", "Closed on Wed 1 Feb 2023"]


def test_a_pack_sent_before_the_request_came_is_refused(manager_client, sar):
    response = manager_client.post(_step(sar, "pack-sent"), {"on_day": "30", "on_month": "1",
                                                             "on_year": "2023"})
    assert error_messages(response) == [
        "The date the pack was sent must be on or after the date the request was received, "
        "Tue 31 Jan 2023"]


def test_refusing_needs_a_reason_then_ends_the_request(manager_client, sar):
    response = manager_client.post(_step(sar, "refuse"), {"on_day": "1", "on_month": "2", "on_year": "2023"})
    assert error_messages(response) == ["Enter why the request is refused"]
    manager_client.post(_step(sar, "refuse"), {"reason": "Manifestly excessive", "on_day": "1",
                                               "on_month": "2", "on_year": "2023"})
    sar.refresh_from_db()
    assert sar.status == "refused" and sar.refusal_reason == "Manifestly excessive"
    response = manager_client.get(_step(sar, "extend"), follow=True)
    assert "The request is refused: extend the time to respond is not possible" in response.content.decode()
    html = manager_client.get(reverse("subject_access_detail", args=[sar.reference])).content.decode()
    assert reverse("subject_access_search", args=[sar.reference]) not in html


def test_an_unknown_step_or_request_is_not_found(manager_client, sar):
    assert manager_client.get(_step(sar, "delete")).status_code == 404
    assert manager_client.get(reverse("subject_access_detail", args=["SAR-1999-0001"])).status_code == 404


def test_officers_may_not_handle_subject_access(client, personas, sar):
    client.force_login(personas["officer"])
    assert client.get(reverse("subject_access_detail", args=[sar.reference])).status_code == 403
    assert client.post(_step(sar, "refuse"), {"reason": "x", "on_day": "1", "on_month": "2",
                                              "on_year": "2023"}).status_code == 403
    sar.refresh_from_db()
    assert sar.status == "open"
