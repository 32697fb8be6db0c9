"""Every management command is called by a test."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from complaints.accounts.models import User
from complaints.casework.models import Case, HolidayOverride


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_migrations_match_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [("2022-05-27", "10", "2022-06-14"), ("2022-12-16", "10", "2023-01-04"),
     ("2022-12-16", "20", "2023-01-18"), ("2027-12-20", "5", "2027-12-29")],
)
def test_workdays_add_prints_the_due_date_alone_on_its_first_line(db, start, days, due):
    output = run("workdays", "add", start, days)
    assert output.splitlines()[0] == due
    assert "Skipped" in output


def test_workdays_add_uses_the_administrators_corrections(db):
    HolidayOverride.objects.create(day=date(2022, 9, 19), kind="removed", name="Not yet proclaimed")
    assert run("workdays", "add", "2022-09-09", "10").splitlines()[0] == "2022-09-23"


def test_workdays_add_counts_local_closures_only_for_the_corporate_procedure(db):
    HolidayOverride.objects.create(day=date(2023, 3, 6), kind="closure", name="Office move")
    assert run("workdays", "add", "2023-03-01", "5").splitlines()[0] == "2023-03-08"
    assert run("workdays", "add", "2023-03-01", "5", "--procedure", "corporate").splitlines()[0] == "2023-03-09"


def test_workdays_add_refuses_a_date_that_is_not_a_date(db):
    with pytest.raises(CommandError, match="not a date"):
        run("workdays", "add", "2022-02-31", "10")


def test_demo_data_is_idempotent_and_names_its_users(db):
    first = run("demo_data", "--allow-without-debug")
    cases = Case.objects.count()
    second = run("demo_data", "--allow-without-debug")
    assert cases > 40
    assert Case.objects.count() == cases
    assert User.objects.filter(username__in=["officer", "manager", "responder", "head", "reports", "admin"]).count() == 6
    assert "demo-password-2026" in first and "officer" in second
    assert Case.objects.closed().exists() and Case.objects.open().exists()


def test_demo_data_refuses_to_run_without_debug(db):
    with pytest.raises(CommandError, match="DEBUG"):
        run("demo_data")
