"""My work: my open cases, what is due soon, and what is overdue."""

from datetime import date

import time_machine
from django.db.models import F
from django.urls import reverse

from complaints.casework.models import Stage


def references(cases):
    return [case.reference for case in cases]


@time_machine.travel(date(2022, 9, 22))
def test_my_work_sorts_my_cases_into_overdue_and_due_soon(client, personas, record_complaint):
    officer = personas["officer"]
    overdue = record_complaint(officer=officer, received_on=date(2022, 9, 1))  # due Thu 15 Sep
    soon = record_complaint(officer=officer, received_on=date(2022, 9, 12))  # due Tue 27 Sep
    later = record_complaint(officer=officer, received_on=date(2022, 9, 21))  # due Thu 6 Oct
    someone_elses = record_complaint(officer=personas["manager"], received_on=date(2022, 9, 1))
    Stage.objects.update(acknowledged_on=F("started_on"))
    client.force_login(officer)

    context = client.get(reverse("my_work")).context

    assert references(context["overdue"]) == [overdue.reference]
    assert references(context["due_soon"]) == [soon.reference]
    assert set(references(context["open_cases"])) == {overdue.reference, soon.reference, later.reference}
    assert someone_elses.reference not in references(context["open_cases"])
    assert context["soon"] == date(2022, 9, 27)


@time_machine.travel(date(2022, 9, 22))
def test_an_unsent_acknowledgement_counts_as_overdue(client, personas, record_complaint):
    officer = personas["officer"]
    case = record_complaint(officer=officer, received_on=date(2022, 9, 14))  # acknowledgement due Tue 20 Sep
    client.force_login(officer)
    context = client.get(reverse("my_work")).context
    assert references(context["overdue"]) == [case.reference]


@time_machine.travel(date(2022, 9, 22))
def test_each_row_shows_the_deadline_that_put_it_in_its_table(client, personas, record_complaint):
    officer = personas["officer"]
    record_complaint(officer=officer, received_on=date(2022, 9, 14))  # acknowledgement due Tue 20 Sep
    client.force_login(officer)
    response = client.get(reverse("my_work"))
    [case] = response.context["overdue"]
    assert case.next_due_on == date(2022, 9, 20)
    assert "Acknowledge by" in response.content.decode()


@time_machine.travel(date(2022, 9, 22))
def test_overdue_actions_in_the_plan_show_for_those_who_see_records(client, personas):
    from complaints.records.models import Action

    overdue = Action.objects.create(number=7, task="Refresh the complaints leaflet", owners="Complaints team",
                                    starts_on=date(2022, 4, 1), intended_outcome="Families know how to complain",
                                    target_on=date(2022, 9, 1))
    Action.objects.create(number=8, task="Train new officers", owners="Complaints manager",
                          starts_on=date(2022, 4, 1), intended_outcome="Fewer late responses",
                          target_on=date(2022, 12, 1))
    client.force_login(personas["manager"])
    response = client.get(reverse("my_work"))
    assert list(response.context["overdue_actions"]) == [overdue]
    assert "7. Refresh the complaints leaflet" in response.content.decode()

    client.force_login(personas["responding"])
    assert client.get(reverse("my_work")).context["overdue_actions"] is None
