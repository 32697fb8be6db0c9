"""The action plan: numbered actions, their updates, and which are overdue."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from complaints.records.models import Action, ActionUpdate

Status = Action.Status


def _action(number, **extra):
    defaults = {"task": "Remind staff to return calls within 2 working days",
                "owners": "Heads of service", "starts_on": date(2023, 4, 1),
                "intended_outcome": "Fewer complaints about communication"}
    return Action.objects.create(number=number, **{**defaults, **extra})


def test_two_actions_numbered_10_are_refused(db):
    _action(10)
    with pytest.raises(IntegrityError), transaction.atomic():
        _action(10)


def test_an_action_numbered_0_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        _action(0)


def test_a_target_before_the_start_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        _action(1, target_on=date(2023, 3, 31))


def test_overdue_actions_are_open_ones_past_their_target(db):
    today = date(2023, 10, 2)
    late = _action(1, target_on=date(2023, 9, 30), status=Status.IN_PROGRESS)
    not_started = _action(2, target_on=date(2023, 10, 1))
    _action(3, target_on=date(2023, 10, 2))  # due today: not overdue yet
    _action(4, target_on=date(2023, 9, 1), status=Status.DONE)
    _action(5, target_on=date(2023, 9, 1), status=Status.DROPPED)
    ongoing = _action(6, target_text="On-going")
    assert list(Action.objects.overdue(today)) == [late, not_started]
    assert late.is_overdue(today) and not ongoing.is_overdue(today)
    assert ongoing.target() == "On-going" and late.target() == "30 September 2023"


def test_an_action_links_to_the_cases_and_points_it_came_from_and_keeps_dated_updates(
    record_complaint,
):
    case = record_complaint()
    point = case.points.get()
    action = _action(7)
    action.cases.add(case)
    action.points.add(point)
    ActionUpdate.objects.create(action=action, written_on=date(2023, 6, 30), text="Briefing sent.")
    ActionUpdate.objects.create(action=action, written_on=date(2023, 9, 29), text="Audit done.")
    assert list(case.actions.all()) == [action] and list(point.actions.all()) == [action]
    assert [u.text for u in action.updates.all()] == ["Audit done.", "Briefing sent."]
    assert str(action) == "Action 7"
