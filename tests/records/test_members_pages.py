"""Members' correspondence pages: the due date is worked out by the service and
explained; responses are recorded; the list gives the year's % within target."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records import services
from complaints.records.models import MembersEnquiry
from tests.records.conftest import govuk_date


@pytest.fixture(autouse=True)
def ten_working_days(settings):
    settings.MEMBERS_ENQUIRY_TARGET_DAYS = 10


def _record(received_on=date(2023, 4, 3), responded_on=None, **extra):
    return services.record_members_enquiry(
        member_name=extra.pop("member_name", "Cllr Jo Patel"), member_kind="councillor",
        received_on=received_on, subject="Short breaks", responded_on=responded_on, **extra)


def _post(client, url, **fields):
    data = {"member_name": "Jo Patel MP", "member_kind": "mp", "subject": "Delay in a conference",
            "team": "", "case": "", **govuk_date("received_on", date(2022, 12, 16))}
    data.update(fields)
    return client.post(url, data)


def test_adding_an_enquiry_works_out_and_explains_its_due_date(officer_client, team):
    response = _post(officer_client, reverse("members_new"), team=team.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("members_list") + "?year=2022"
    enquiry = MembersEnquiry.objects.get()
    assert enquiry.due_on == date(2023, 1, 4) and enquiry.team == team
    assert enquiry.due_explanation["days"] == 10
    assert AuditEntry.objects.filter(action="create", object_type="records.membersenquiry").exists()

    html = officer_client.get(response["Location"]).content.decode()
    assert "added: response due Wednesday 4 January 2023" in html  # the success banner
    assert "Mon 26 Dec (Boxing Day)" in html  # the stored explanation


def test_a_missing_name_and_a_future_date_are_refused(officer_client):
    response = _post(officer_client, reverse("members_new"), member_name="", member_kind="",
                     **govuk_date("received_on", date(2023, 6, 2)))
    html = response.content.decode()
    assert "Enter the member&#x27;s name" in html
    assert "Select whether they are a councillor or an MP" in html
    assert "Date received must be today or in the past" in html
    assert not MembersEnquiry.objects.exists()


def test_recording_the_response_shows_the_due_date_and_saves_the_date(officer_client):
    enquiry = _record(received_on=date(2022, 12, 16))
    url = reverse("members_respond", args=[enquiry.pk])
    html = officer_client.get(url).content.decode()
    assert "Wednesday 4 January 2023" in html and "How this date was worked out" in html

    response = officer_client.post(url, govuk_date("responded_on", date(2023, 1, 4)))
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.responded_on == date(2023, 1, 4) and enquiry.answered_within_target
    entry = AuditEntry.objects.get(action="change")
    assert entry.detail == "Recorded the response"


def test_a_response_before_the_enquiry_arrived_is_refused(officer_client):
    enquiry = _record(received_on=date(2022, 12, 16))
    response = officer_client.post(reverse("members_respond", args=[enquiry.pk]),
                                   govuk_date("responded_on", date(2022, 12, 15)))
    assert ("Date responded must be on or after the date received (16 December 2022)"
            in response.content.decode())
    enquiry.refresh_from_db()
    assert enquiry.responded_on is None


def test_changing_the_date_received_works_the_due_date_out_again(officer_client):
    enquiry = _record(received_on=date(2022, 12, 16))
    response = _post(officer_client, reverse("members_edit", args=[enquiry.pk]),
                     member_name="Cllr Jo Patel", member_kind="councillor",
                     **govuk_date("received_on", date(2022, 12, 19)),
                     **govuk_date("responded_on", None))
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.due_on == date(2023, 1, 5)
    assert enquiry.due_date_explained().startswith("Received Mon 19 Dec 2022.")


def test_changing_other_fields_keeps_the_stored_due_date(officer_client):
    enquiry = _record(received_on=date(2022, 12, 16))
    MembersEnquiry.objects.filter(pk=enquiry.pk).update(due_on=date(2023, 1, 6))  # as first stored
    _post(officer_client, reverse("members_edit", args=[enquiry.pk]), subject="Short breaks review",
          **govuk_date("responded_on", date(2023, 1, 3)))
    enquiry.refresh_from_db()
    assert (enquiry.subject, enquiry.due_on, enquiry.responded_on) == (
        "Short breaks review", date(2023, 1, 6), date(2023, 1, 3))


def test_the_list_gives_the_share_answered_within_target_for_the_year(officer_client):
    for n in range(40):
        _record(received_on=date(2022, 5, 3), responded_on=date(2022, 5, 10), member_name=f"M{n}")
    for n in range(16):
        _record(received_on=date(2022, 5, 3), responded_on=date(2022, 6, 30), member_name=f"L{n}")
    _record(received_on=date(2023, 4, 3))  # next year, unanswered

    response = officer_client.get(reverse("members_list"), {"year": "2022"})
    assert response.context["summary"] == {"total": 56, "counted": 56, "within_target": 40,
                                           "percent_within_target": 71.4}
    assert "<strong>71.4%</strong>" in response.content.decode()

    html = officer_client.get(reverse("members_list")).content.decode()
    assert "1 enquiry received in 2023-24; 0 answered within target" in html
    assert "Overdue</strong>" in html  # due 18 April 2023, unanswered on 1 June


def test_the_list_costs_a_fixed_number_of_queries(officer_client, team, django_assert_max_num_queries):
    for n in range(5):
        _record(team=team, member_name=f"M{n}")
    # Nine for the page, six for its audit entry (the hash chain's, in a savepoint).
    with django_assert_max_num_queries(15):
        officer_client.get(reverse("members_list"))


def test_a_record_the_service_refuses_is_shown_on_the_form_and_nothing_is_saved(officer_client):
    enquiry = _record(received_on=date(2022, 12, 16))
    MembersEnquiry.objects.filter(pk=enquiry.pk).update(member_kind="alderman")  # a bad import
    response = officer_client.post(reverse("members_respond", args=[enquiry.pk]),
                                   govuk_date("responded_on", date(2023, 1, 4)))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.responded_on is None
    assert not AuditEntry.objects.filter(action="change").exists()
