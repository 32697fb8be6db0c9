"""The daily reminders: who gets one, what it lists, and what it never says."""

from datetime import date

import pytest
from django.db.models import F

from complaints.accounts.models import User
from complaints.casework.models import Stage
from complaints.notifications.models import OutgoingEmail
from complaints.notifications.reminders import (
    Deadline,
    OverdueAction,
    build_reminders,
    case_url,
    queue_reminders,
    render,
)
from complaints.records.models import Action

TODAY = date(2022, 9, 22)  # Thursday; "due soon" runs to Tue 27 Sep (19 Sep was a holiday)


def reminder_for(user, today=TODAY):
    return next((r for r in build_reminders(today) if r.user == user), None)


def response(case, due_on):
    return Deadline(case.reference, "Stage 1 response", due_on, case_url(case.reference))


@pytest.fixture
def officers_cases(addressed, record_complaint):
    """The officer's cases from the My work tests, all acknowledged."""
    officer = addressed["officer"]
    cases = {
        "overdue": record_complaint(officer=officer, received_on=date(2022, 9, 1)),  # due 15 Sep
        "soon": record_complaint(officer=officer, received_on=date(2022, 9, 12)),  # due Tue 27 Sep
        "later": record_complaint(officer=officer, received_on=date(2022, 9, 21)),  # due Thu 6 Oct
    }
    Stage.objects.update(acknowledged_on=F("started_on"))
    return cases


def test_an_officer_is_reminded_of_what_is_overdue_and_due_soon(addressed, officers_cases):
    reminder = reminder_for(addressed["officer"])
    assert reminder.soon == date(2022, 9, 27)
    assert reminder.overdue == [response(officers_cases["overdue"], date(2022, 9, 15))]
    assert reminder.due_soon == [response(officers_cases["soon"], date(2022, 9, 27))]
    assert reminder.team is None and reminder.overdue_actions == []


def test_an_unsent_acknowledgement_is_listed_beside_the_response(addressed, record_complaint):
    case = record_complaint(officer=addressed["officer"], received_on=date(2022, 9, 9))
    reminder = reminder_for(addressed["officer"])
    url = case_url(case.reference)
    assert reminder.overdue == [Deadline(case.reference, "Acknowledgement", date(2022, 9, 14), url)]
    assert reminder.due_soon == [response(case, date(2022, 9, 26))]


def test_nobody_with_nothing_due_gets_a_reminder(addressed, record_complaint, team):
    record_complaint(officer=addressed["responding"], received_on=date(2022, 9, 21))  # due 6 Oct
    Stage.objects.update(acknowledged_on=F("started_on"))
    User.objects.filter(pk=addressed["manager"].pk).update(team=team)
    assert build_reminders(TODAY) == []


def test_a_manager_gets_their_teams_deadlines_by_officer_and_its_unallocated_cases(
    addressed, record_complaint, team, other_team
):
    manager = addressed["manager"]
    manager.team = team
    manager.save()
    officer, responding = addressed["officer"], addressed["responding"]
    late = record_complaint(team=team, officer=officer, received_on=date(2022, 9, 1))
    soon = record_complaint(team=team, officer=responding, received_on=date(2022, 9, 12))
    record_complaint(team=team, officer=responding, received_on=date(2022, 9, 21))  # not yet due
    elsewhere = record_complaint(team=other_team, officer=officer, received_on=date(2022, 9, 1))
    nobodys = record_complaint(team=team, received_on=date(2022, 9, 21))
    Stage.objects.update(acknowledged_on=F("started_on"))
    Stage.objects.filter(case=nobodys).update(acknowledged_on=None)

    digest = reminder_for(manager).team

    assert digest.name == team.name
    assert [(o.officer, o.overdue, o.due_soon) for o in digest.officers] == [
        (str(officer), [response(late, date(2022, 9, 15))], []),
        (str(responding), [], [response(soon, date(2022, 9, 27))]),
    ]
    assert elsewhere.reference not in {d.reference for o in digest.officers for d in o.overdue}
    assert digest.unallocated == [
        Deadline(nobodys.reference, "Acknowledgement", date(2022, 9, 26),
                 case_url(nobodys.reference))
    ]
    assert (digest.overdue_count, digest.due_soon_count) == (1, 1)


def test_a_manager_without_a_team_sees_every_team(addressed, record_complaint, team, other_team):
    record_complaint(team=team, officer=addressed["officer"], received_on=date(2022, 9, 1))
    record_complaint(team=other_team, officer=addressed["responding"], received_on=date(2022, 9, 1))
    digest = reminder_for(addressed["manager"]).team
    assert digest.name == "All teams"
    assert {o.officer for o in digest.officers} == {
        str(addressed["officer"]), str(addressed["responding"])
    }


def test_overdue_actions_go_to_managers_only(addressed, officers_cases):
    Action.objects.create(number=10, task="Refresh the leaflets", owners="Complaints team",
                          starts_on=date(2022, 4, 1),
                          intended_outcome="Children know how to complain",
                          target_on=date(2022, 9, 1))
    overdue = [OverdueAction(10, date(2022, 9, 1))]
    assert reminder_for(addressed["manager"]).overdue_actions == overdue
    assert reminder_for(addressed["officer"]).overdue_actions == []


def test_the_email_lists_references_dates_and_links(addressed, officers_cases, settings):
    settings.SITE_URL = "https://complaints.example.gov.uk"
    subject, body = render(reminder_for(addressed["officer"]))
    overdue = officers_cases["overdue"].reference
    assert subject == "Complaints due and overdue: Thu 22 Sep 2022"
    assert f"- {overdue}: Stage 1 response was due Thu 15 Sep 2022 (overdue)" in body
    assert f"https://complaints.example.gov.uk/cases/{overdue}/" in body
    assert f"- {officers_cases['soon'].reference}: Stage 1 response due Tue 27 Sep 2022" in body
    assert officers_cases["later"].reference not in body
    assert "YOUR CASES: 1 overdue, 1 due soon" in body


def test_no_email_names_a_child_or_complainant_or_says_what_the_complaint_is(
    addressed, record_complaint, team
):
    officer = addressed["officer"]
    record_complaint(officer=officer, team=team, received_on=date(2022, 9, 1),
                     child="Alex Taylor", complainant="Sam Taylor",
                     summary="Nobody returned my calls about Alex.")
    record_complaint(team=team, received_on=date(2022, 9, 20), child="Jo Bloggs")
    queue_reminders(TODAY)
    emails = list(OutgoingEmail.objects.values_list("subject", "body"))
    assert len(emails) == 2  # the officer and the manager
    for words in ["Alex", "Taylor", "Jo Bloggs", "Nobody returned", "Calls not returned"]:
        assert all(words not in subject + body for subject, body in emails), words


def test_the_days_reminders_are_queued_once_however_often_the_job_runs(addressed, officers_cases):
    first = queue_reminders(TODAY)
    second = queue_reminders(TODAY)
    assert (first.queued, first.already_queued) == (2, 0)
    assert (second.queued, second.already_queued) == (0, 2)
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == [
        "manager@example.gov.uk", "officer@example.gov.uk"
    ]
    assert queue_reminders(date(2022, 9, 23)).queued == 2


def test_nothing_is_queued_on_a_day_that_is_not_a_working_day(addressed, officers_cases):
    funeral = queue_reminders(date(2022, 9, 19))
    assert not funeral.working_day and funeral.queued == 0
    assert not OutgoingEmail.objects.exists()


def test_someone_without_an_email_address_is_listed_not_queued(addressed, officers_cases):
    User.objects.filter(username="officer").update(email="")
    queued = queue_reminders(TODAY)
    assert queued.no_address == ["officer"] and queued.queued == 1


def test_building_costs_a_query_per_person_and_two_more_per_manager(
    addressed, record_complaint, django_assert_num_queries
):
    for received_on in [date(2022, 9, 1), date(2022, 9, 12), date(2022, 9, 14)]:
        record_complaint(officer=addressed["officer"], received_on=received_on)
        record_complaint(officer=addressed["responding"], received_on=received_on)
    # Calendar, actions, people; officer; responding manager; complaints manager's own and team's.
    with django_assert_num_queries(3 + 1 + 1 + 1 + 2):
        reminders = build_reminders(TODAY)
    assert [r.user.username for r in reminders] == ["officer", "manager", "responding"]
