"""Action plan pages: the plan with overdue actions flagged, actions linked to the
cases and points they came from, and dated ("quarterly") updates."""

from datetime import date

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records import services
from complaints.records.models import Action
from tests.records.conftest import govuk_date


def _action(number, **extra):
    defaults = {"task": "Remind staff to return calls", "owners": "Heads of service",
                "starts_on": date(2023, 4, 1), "intended_outcome": "Fewer complaints"}
    return Action.objects.create(number=number, **{**defaults, **extra})


def _post(client, url, **fields):
    data = {"number": "1", "task": "Refresh the leaflets", "owners": "Complaints team",
            "intended_outcome": "Children know how to complain", "target_text": "",
            "status": "not_started", "cases": "", **govuk_date("starts_on", date(2023, 4, 1)),
            **govuk_date("target_on", date(2023, 9, 30))}
    data.update(fields)
    return client.post(url, data)


def test_the_new_action_form_suggests_the_next_number(officer_client):
    _action(10)
    assert officer_client.get(reverse("action_new")).context["form"]["number"].value() == 11


def test_adding_an_action_links_the_cases_it_came_from(officer_client, record_complaint):
    first, second = record_complaint(), record_complaint()
    response = _post(officer_client, reverse("action_new"), number="11",
                     cases=f"{first.reference.lower()}, {second.reference}\n{first.reference}")
    action = Action.objects.get()
    assert response["Location"] == reverse("action_detail", args=[action.pk])
    assert action.number == 11 and set(action.cases.all()) == {first, second}
    assert AuditEntry.objects.filter(action="create", object_type="records.action").exists()


def test_refusals_name_the_problem_and_save_nothing(officer_client):
    _action(10)
    response = _post(officer_client, reverse("action_new"), number="10", task="",
                     cases="COM-2022-0001 COM-2022-0002",
                     **govuk_date("target_on", date(2023, 3, 31)))
    html = response.content.decode()
    for message in ("There is already an action 10 in the plan", "Enter the action",
                    "There is no case with the references COM-2022-0001, COM-2022-0002",
                    "Target date must be on or after the start date"):
        assert message in html
    assert Action.objects.count() == 1


def test_the_points_of_linked_cases_can_be_chosen_when_the_action_is_changed(
    officer_client, record_complaint
):
    case = record_complaint()
    point = case.points.get()
    action = _action(1)
    action.cases.add(case)
    url = reverse("action_edit", args=[action.pk])
    assert f"{case.reference} point 1: Calls not returned" in officer_client.get(url).content.decode()

    response = _post(officer_client, url, cases=case.reference, points=[point.pk],
                     status="in_progress")
    assert response.status_code == 302
    assert list(action.points.all()) == [point]
    action.refresh_from_db()
    assert action.status == "in_progress"

    response = _post(officer_client, url, cases="", points=[point.pk])
    assert "is from a case no longer listed" in response.content.decode()
    assert list(action.cases.all()) == [case]


def test_the_plan_flags_overdue_actions(officer_client):
    _action(1, target_on=date(2023, 5, 31))
    _action(2, target_on=date(2023, 5, 31), status="done")
    _action(3, target_text="On-going")
    html = officer_client.get(reverse("action_list")).content.decode()
    assert html.count("Overdue</strong>") == 1 and "On-going" in html and "31 May 2023" in html


def test_an_update_is_added_from_the_action_page_and_listed_latest_first(officer_client):
    action = _action(7)
    action.updates.create(written_on=date(2023, 4, 28), text="Briefing drafted.")
    html = officer_client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert f'action="{reverse("action_update_new", args=[action.pk])}"' in html

    response = officer_client.post(reverse("action_update_new", args=[action.pk]), {
        "text": "Briefing sent to every team.", **govuk_date("written_on", date(2023, 5, 30))})
    assert response["Location"] == reverse("action_detail", args=[action.pk])
    assert [u.text for u in action.updates.all()] == ["Briefing sent to every team.",
                                                      "Briefing drafted."]
    assert AuditEntry.objects.filter(action="create", object_type="records.actionupdate").exists()


def test_an_empty_update_is_refused_on_its_own_page(officer_client):
    action = _action(7)
    response = officer_client.post(reverse("action_update_new", args=[action.pk]),
                                   govuk_date("written_on", None))
    html = response.content.decode()
    assert "Enter the update" in html and "Enter the date of the update" in html
    assert "Action 7" in html and not action.updates.exists()


def test_a_report_viewer_reads_the_plan_but_gets_no_update_form(signed_in):
    action = _action(7)
    html = signed_in("reports").get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Remind staff to return calls" in html and "Add an update" not in html


def test_overdue_actions_for_my_work_are_the_open_ones_past_target_most_overdue_first(db):
    later = _action(1, target_on=date(2023, 5, 30))
    earlier = _action(2, target_on=date(2023, 5, 1))
    _action(3, target_on=date(2023, 6, 1))  # due today
    _action(4, target_on=date(2023, 5, 1), status="dropped")
    _action(5, target_text="On-going")
    assert list(services.overdue_actions(date(2023, 6, 1))) == [earlier, later]
