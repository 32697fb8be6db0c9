"""An adult's complaint through the public form becomes a case in the
complaints team's queue, with a receipt email and a due date they are told."""

from datetime import UTC, date, datetime

import time_machine
from django.core import mail
from django.urls import reverse

from complaints.casework.models import Case, Monitoring
from complaints.intake.models import PublicSubmission
from complaints.notifications.models import OutgoingEmail
from complaints.notifications.outbox import deliver_due
from tests.intake.answers import TEAM, complaint_answers, fill, send, step_url
from tests.intake.conftest import LONDON


def test_a_parents_complaint_becomes_an_unallocated_online_case_at_stage_one(
    client, on_friday_16_december_2022
):
    check = fill(client, "complaint", complaint_answers())
    assert "Alex Taylor, born 31 March 2012" in check.content.decode()

    sent = send(client, "complaint")

    case = Case.objects.get()
    assert (case.kind, case.procedure, case.channel.code) == ("complaint", "statutory", "online")
    assert case.received_on == date(2022, 12, 16)
    assert case.officer is None and case.team.name == TEAM
    assert case.summary == "Nobody returned my calls about Alex's plan for six weeks."
    assert case.desired_outcome == "A meeting with the team manager."
    complainant = case.complainant
    assert (complainant.name, complainant.relationship, complainant.email) == (
        "Sam Taylor", "parent", "sam@example.com")
    assert complainant.support_needs == "An interpreter. Polish"
    assert [(c.name, c.date_of_birth) for c in case.children.all()] == [
        ("Alex Taylor", date(2012, 3, 31))]
    assert [(p.summary, p.theme.code) for p in case.points.all()] == [(case.summary, "other")]
    stage = case.stages.get()
    assert stage.number == 1 and stage.due_on == date(2023, 1, 4)
    assert PublicSubmission.objects.get().case == case
    page = sent.content.decode()
    assert case.reference in page
    assert "We will reply by <strong>Wednesday 4 January 2023</strong>" in page
    assert "we count from" not in page


def test_the_case_waits_in_not_yet_allocated_on_my_work(client, personas, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())
    send(client, "complaint")
    case = Case.objects.get()

    client.force_login(personas["officer"])
    response = client.get(reverse("my_work"))

    assert list(response.context["unallocated"]) == [case]


def test_the_receipt_email_is_queued_with_the_reference_and_date_and_no_names(
    client, on_friday_16_december_2022
):
    fill(client, "complaint", complaint_answers())
    send(client, "complaint")
    case = Case.objects.get()

    email = OutgoingEmail.objects.get()
    assert email.to == "sam@example.com"
    assert email.dedupe_key == f"intake-receipt:{case.reference}"
    assert case.reference in email.subject and case.reference in email.body
    assert "Wednesday 4 January 2023" in email.body
    for private in ("Sam", "Alex", "Taylor", "calls", "meeting"):
        assert private not in email.body + email.subject
    assert ("Made through the public form (complaint). Receipt emailed to the complainant "
            "(queued in the outbox).") in [entry.text for entry in case.timeline.all()]


def test_a_mail_outage_loses_nothing(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers())
    send(client, "complaint")

    class Down:
        def send_messages(self, messages):
            raise ConnectionRefusedError("mail server down")

    delivery = deliver_due(connection=Down())

    assert delivery.failed == 1 and Case.objects.count() == 1
    assert OutgoingEmail.objects.waiting().count() == 1
    assert deliver_due(now=datetime(2022, 12, 16, 12, tzinfo=LONDON)).sent == 1
    assert len(mail.outbox) == 1


def test_no_email_address_no_receipt(client, on_friday_16_december_2022):
    contact = {"email": "", "phone": "07700 900982", "address": ""}
    fill(client, "complaint", complaint_answers(contact=contact))
    sent = send(client, "complaint")

    assert Case.objects.get().complainant.phone == "07700 900982"
    assert OutgoingEmail.objects.count() == 0
    assert "We have sent a receipt" not in sent.content.decode()


def test_a_saturday_complaint_is_counted_from_monday_and_the_confirmation_says_so(
    client, on_saturday_7_january_2023
):
    fill(client, "complaint", complaint_answers())
    sent = send(client, "complaint").content.decode()

    case = Case.objects.get()
    assert case.received_on == date(2023, 1, 7)
    assert case.stages.get().due_on == date(2023, 1, 23)
    assert "We will reply by <strong>Monday 23 January 2023</strong>" in sent
    assert "Because you sent this on a Saturday, we count from Monday 9 January 2023." in sent
    assert "we count from Monday 9 January 2023" in OutgoingEmail.objects.get().body


def test_received_is_todays_date_in_london_not_utc(client, db):
    # 23:30 UTC on Friday 2 June 2023 is 00:30 on Saturday 3 June in London (BST).
    with time_machine.travel(datetime(2023, 6, 2, 23, 30, tzinfo=UTC), tick=False):
        fill(client, "complaint", complaint_answers())
        sent = send(client, "complaint").content.decode()

    assert Case.objects.get().received_on == date(2023, 6, 3)
    assert "Because you sent this on a Saturday, we count from Monday 5 June 2023." in sent


def test_several_children_and_every_relationship_are_recorded(client, on_friday_16_december_2022):
    children = {"child_1_name": "Alex Taylor", "child_2_name": "Kim Taylor",
                "child_3_name": "Lee Taylor", "child_3_date_of_birth_day": "1",
                "child_3_date_of_birth_month": "9", "child_3_date_of_birth_year": "2020"}
    fill(client, "complaint", complaint_answers(
        children=children, **{"about-you": {"name": "Pat Jones", "relationship": "foster_carer"}}))
    send(client, "complaint")

    case = Case.objects.get()
    assert case.complainant.relationship == "foster_carer"
    assert [(c.name, c.date_of_birth) for c in case.children.all()] == [
        ("Alex Taylor", None), ("Kim Taylor", None), ("Lee Taylor", date(2020, 9, 1))]
    assert not Monitoring.objects.exists()


def test_a_team_not_known_leaves_the_team_empty(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers(team={"team": "unknown"}))
    send(client, "complaint")

    assert Case.objects.get().team is None


def test_the_confirmation_page_without_a_sent_form_goes_to_the_start(client, db):
    response = client.get(reverse("intake_sent", args=["complaint"]))

    assert response.status_code == 302
    assert response["Location"] == reverse("intake_start", args=["complaint"])


def test_the_start_page_links_to_the_first_question(client, db):
    response = client.get(reverse("intake_start", args=["complaint"]))

    assert response.status_code == 200
    assert step_url("complaint", "about-you") in response.content.decode()
