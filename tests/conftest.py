"""Shared fixtures: personas built once per test, reference data from the
migrations, and a way to record a case the way staff do."""

from datetime import date

import pytest
import time_machine

from complaints.accounts.models import ServiceArea, Team, User
from complaints.casework import services
from complaints.casework.models import Channel, Theme


@pytest.fixture
def team(db):
    return Team.objects.get(name="Intervention and Support Service")


@pytest.fixture
def other_team(db):
    return Team.objects.get(name="Fostering")


def _persona(username, role, **extra):
    user = User.objects.create_user(
        username=username, password="correct-horse-battery", role=role,
        first_name=username.replace("_", " ").title(), last_name="Persona", **extra,
    )
    return user


@pytest.fixture
def personas(db, team):
    """One user for each role, and one with no role at all (an outsider)."""
    area = team.service_area
    return {
        "officer": _persona("officer", User.Role.OFFICER),
        "manager": _persona("manager", User.Role.MANAGER),
        "responding": _persona("responding", User.Role.RESPONDING, team=team),
        "head": _persona("head", User.Role.HEAD, service_area=area),
        "reports": _persona("reports", User.Role.REPORTS),
        "admin": _persona("admin", User.Role.ADMIN),
        "outsider": _persona("outsider", ""),
    }


@pytest.fixture
def record_complaint(db):
    """Record a complaint as staff would; keyword arguments override the defaults."""

    def record(*, by=None, received_on=date(2022, 9, 9), procedure="statutory", team=None,
               officer=None, complainant="Sam Taylor", child="Alex Taylor", **extra):
        new = services.NewCase(
            kind=extra.pop("kind", "complaint"),
            procedure=procedure,
            received_on=received_on,
            channel=extra.pop("channel", None) or Channel.objects.get(code="email"),
            team=team,
            officer=officer,
            summary=extra.pop("summary", "Nobody returned my calls."),
            complainant={"name": complainant, "relationship": "parent"},
            children=[{"name": child, "date_of_birth": date(2012, 3, 31)}] if child else [],
            points=[{"summary": summary, "theme": Theme.objects.get(code="communication")}
                    for summary in extra.pop("points", ["Calls not returned"])],
            **extra,
        )
        return services.record_case(new, by=by)

    return record


@pytest.fixture
def service_area(team) -> ServiceArea:
    return team.service_area


@pytest.fixture
def frozen():
    """Today is Wed 1 Feb 2023: the dates the tests record are in the past."""
    with time_machine.travel(date(2023, 2, 1), tick=False):
        yield


@pytest.fixture
def officer(personas):
    return personas["officer"]


# The checkout's var/ (where `make run` keeps its database) must gain nothing while the
# suite runs: every test writes under the test settings' own folders.
_CHECKOUT_VAR = __import__("pathlib").Path(__file__).resolve().parent.parent / "var"


def _files_in_checkout_var():
    if not _CHECKOUT_VAR.exists():
        return set()
    return {p for p in _CHECKOUT_VAR.rglob("*") if not p.name.startswith("complaints.sqlite3")}


def pytest_sessionstart(session):
    session.config._checkout_var_before = (_CHECKOUT_VAR.exists(), _files_in_checkout_var())


def pytest_sessionfinish(session, exitstatus):
    existed, before = session.config._checkout_var_before
    made = (not existed and _CHECKOUT_VAR.exists()) or bool(_files_in_checkout_var() - before)
    if made:
        session.config.get_terminal_writer().line(
            f"FAILED: the suite wrote into the checkout's {_CHECKOUT_VAR}: tests must use "
            "the test settings' VAR_DIR and ATTACHMENTS_DIR", red=True)
        session.exitstatus = 1
