"""Every staff URL × every role: allowed, forbidden, or sent to sign in.

A new page must be added here; test_every_url_is_in_the_matrix fails otherwise.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.accounts.matrix_foreign import (
    FOREIGN_MATRIX,
    NOT_A_RECORD,
    SCENARIOS,
    SECRETS,
    SHOWS_LINKED,
    foreign_case,
    link_every_record,
)
from tests.accounts.matrix_intake import INTAKE_MATRIX, INTAKE_PUBLIC
from tests.accounts.matrix_letters import LETTERS_MATRIX
from tests.accounts.matrix_privacy import PRIVACY_MATRIX
from tests.accounts.matrix_records import RECORDS_MATRIX
from tests.accounts.matrix_report_entry import REPORT_ENTRY_MATRIX
from tests.accounts.matrix_reports import REPORTS_MATRIX
from tests.accounts.matrix_subject_access import SUBJECT_ACCESS_MATRIX
from tests.accounts.matrix_transfer import TRANSFER_MATRIX

ROLES = ["anonymous", "outsider", "officer", "manager", "responding", "head", "reports", "admin"]
ALL_STAFF = {"officer", "manager", "responding", "head", "reports", "admin"}
CASEWORK = {"officer", "manager", "responding", "head", "admin"}

# url name -> (how to build the URL, the roles allowed)
MATRIX = {
    "home": (lambda c: reverse("home"), ALL_STAFF | {"outsider"}),
    "my_work": (lambda c: reverse("my_work"), CASEWORK),
    "case_list": (lambda c: reverse("case_list"), CASEWORK),
    "case_new": (lambda c: reverse("case_new"), {"officer", "manager", "admin"}),
    # The case below belongs to the responding manager's team and service area.
    "case_detail": (lambda c: reverse("case_detail", args=[c.reference]), CASEWORK),
    "case_action": (lambda c: reverse("case_action", args=[c.reference, "acknowledge"]),
                    CASEWORK - {"head"}),
    # Directing a case is the complaints team's: a responding manager drafts and sees.
    **{f"case_action_{slug}": (lambda c, slug=slug: reverse("case_action", args=[c.reference, slug]),
                               CASEWORK - {"head", "responding"})
       for slug in ("route", "allocate", "extend", "withdraw")},
    "calculator": (lambda c: reverse("calculator"), CASEWORK),
    "audit_log": (lambda c: reverse("audit_log"), {"admin"}),
    "audit_unusual": (lambda c: reverse("audit_unusual"), {"admin"}),
    # Signed-in people only; each sends anyone without an authenticator to set one up.
    "two_factor_code": (lambda c: reverse("two_factor_code"), ALL_STAFF | {"outsider"}),
    "two_factor_setup": (lambda c: reverse("two_factor_setup"), ALL_STAFF | {"outsider"}),
    "recovery_codes": (lambda c: reverse("recovery_codes"), ALL_STAFF | {"outsider"}),
    "two_factor_replace": (lambda c: reverse("two_factor_replace"), ALL_STAFF | {"outsider"}),
    "set_up_tokens": (lambda c: reverse("set_up_tokens"), {"admin"}),
    "admin:index": (lambda c: reverse("admin:index"), {"admin"}),
    **RECORDS_MATRIX,
    **LETTERS_MATRIX,
    **INTAKE_MATRIX,
    **REPORT_ENTRY_MATRIX,
    **PRIVACY_MATRIX,
    **REPORTS_MATRIX,
    **TRANSFER_MATRIX,
    **SUBJECT_ACCESS_MATRIX,
}
PUBLIC = {"login", "logout", "accessibility"} | INTAKE_PUBLIC


def test_every_url_is_in_the_matrix():
    names = {
        name for name in get_resolver().reverse_dict if isinstance(name, str)
    }
    assert names - PUBLIC - set(MATRIX) == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", list(MATRIX))
def test_role_may_or_may_not_open_page(client, personas, team, record_complaint, role, url_name):
    case = record_complaint(team=team)
    build, allowed = MATRIX[url_name]
    url = build(case)
    if role != "anonymous":
        client.force_login(personas[role])
    response = client.get(url)
    if role == "anonymous":
        final = client.get(url, follow=True)
        assert response.status_code == 302
        assert final.redirect_chain[-1][0].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code in {200, 302}, response.status_code
        if response.status_code == 302:
            assert reverse("login") not in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["responding", "head"])
def test_scoped_roles_cannot_open_other_teams_cases(client, personas, other_team, record_complaint, role):
    case = record_complaint(team=other_team)
    client.force_login(personas[role])
    # Answered as for a reference that does not exist: its existence does not leak.
    assert client.get(reverse("case_detail", args=[case.reference])).status_code == 404
    assert case.reference not in client.get(reverse("case_list")).content.decode()


def test_responding_manager_sees_a_case_allocated_to_them_in_another_team(
    client, personas, other_team, record_complaint
):
    case = record_complaint(team=other_team, officer=personas["responding"])
    client.force_login(personas["responding"])
    assert client.get(reverse("case_detail", args=[case.reference])).status_code == 200
    assert case.reference in client.get(reverse("case_list")).content.decode()


def test_report_viewer_sees_no_case_even_by_reference(client, personas, record_complaint):
    case = record_complaint()
    client.force_login(personas["reports"])
    assert client.get(reverse("case_detail", args=[case.reference])).status_code == 403


def test_an_unknown_reference_is_not_found(client, personas):
    client.force_login(personas["officer"])
    assert client.get(reverse("case_detail", args=["COM-1999-0001"])).status_code == 404


# -- The foreign record: a record the role must not see answers as one that does not exist

def _foreign_params():
    for url_name, (_, _, scenarios) in FOREIGN_MATRIX.items():
        for scenario in scenarios:
            for role in sorted(SCENARIOS[scenario]):
                yield pytest.param(url_name, scenario, role, id=f"{url_name}-{scenario}-{role}")


def test_every_url_naming_a_record_has_its_foreign_record_row():
    named = {name for name, patterns in get_resolver().reverse_dict.lists()
             if isinstance(name, str) and patterns[0][0][0][1]}
    assert named - set(FOREIGN_MATRIX) - set(NOT_A_RECORD) == set()


@pytest.mark.parametrize("url_name, scenario, role", list(_foreign_params()))
def test_a_foreign_record_answers_as_one_that_does_not_exist(
        client, personas, team, other_team, record_complaint, url_name, scenario, role):
    case = foreign_case(scenario, record_complaint, team, other_team)
    build, missing, _ = FOREIGN_MATRIX[url_name]
    url = build(case)
    if role != "anonymous":
        client.force_login(personas[role])
    foreign, unknown = client.get(url), client.get(missing())
    assert foreign.status_code == unknown.status_code
    if role in MATRIX[url_name][1]:
        assert foreign.status_code == 404
    page = foreign.content.decode(errors="replace")
    for secret in [*SECRETS, case.reference]:
        assert secret not in page


@pytest.mark.parametrize("role", sorted(SCENARIOS["restricted"] - {"anonymous"}))
@pytest.mark.parametrize("url_name", list(SHOWS_LINKED))
def test_pages_showing_linked_records_show_nothing_of_a_restricted_case(
        client, personas, team, other_team, record_complaint, url_name, role):
    case = foreign_case("restricted", record_complaint, team, other_team)
    action = link_every_record(case)
    client.force_login(personas[role])
    response = client.get(SHOWS_LINKED[url_name](action))
    assert response.status_code == (200 if role in MATRIX[url_name][1] else 403)
    page = response.content.decode()
    for secret in [*SECRETS, case.reference]:
        assert secret not in page
