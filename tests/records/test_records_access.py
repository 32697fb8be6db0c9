"""Who may read and keep the other records (complaints.accounts.access)."""

from complaints.accounts.access import Action, can


def test_the_complaints_team_and_administrators_keep_the_records(personas):
    allowed = {role for role, user in personas.items() if can(user, Action.CHANGE_RECORDS)}
    assert allowed == {"officer", "manager", "admin"}


def test_heads_of_service_and_report_viewers_may_also_read_them_but_responding_managers_not(personas):
    allowed = {role for role, user in personas.items() if can(user, Action.VIEW_RECORDS)}
    assert allowed == {"officer", "manager", "head", "reports", "admin"}
