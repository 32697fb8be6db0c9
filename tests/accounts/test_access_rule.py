"""The one authorisation function: list and detail can never disagree."""

import pytest

from complaints.accounts.access import Action, can, visible_cases
from complaints.casework.models import Case


@pytest.mark.parametrize("role", ["officer", "manager", "responding", "head", "reports", "admin", "outsider"])
def test_visible_cases_is_exactly_the_cases_can_lets_the_user_view(
    personas, team, other_team, record_complaint, role
):
    user = personas[role]
    cases = [
        record_complaint(team=team),
        record_complaint(team=other_team),
        record_complaint(team=None),
        record_complaint(team=other_team, officer=personas["responding"]),
    ]
    listed = set(visible_cases(user, Case.objects.all()))
    allowed = {case for case in cases if can(user, Action.VIEW_CASE, case)}
    assert listed == allowed


def test_inactive_users_may_do_nothing(personas):
    admin = personas["admin"]
    admin.is_active = False
    assert not can(admin, Action.MANAGE_REFERENCE_DATA)


def test_only_managers_and_administrators_see_equality_data(personas):
    allowed = {role for role, user in personas.items() if can(user, Action.VIEW_EQUALITY_DATA)}
    assert allowed == {"manager", "admin"}


def test_a_head_of_service_cannot_change_cases(personas, team, record_complaint):
    case = record_complaint(team=team)
    assert can(personas["head"], Action.VIEW_CASE, case)
    assert not can(personas["head"], Action.CHANGE_CASE, case)
