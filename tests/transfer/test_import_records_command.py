"""python manage.py import_records FILE [--commit] [--by USERNAME]."""

import io

import pytest
from django.core.management import CommandError, call_command

from complaints.audit.models import AuditEntry
from complaints.casework.models import Case, TimelineEntry
from tests.transfer.conftest import case_row, xlsx


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(xlsx({"Cases": [case_row()]}))
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_records", *args, stdout=out)
    return out.getvalue()


def test_without_commit_it_is_a_dry_run(db, frozen, good_file):
    output = run(str(good_file))
    assert output.startswith("Checked cases.xlsx (sha256 ")
    assert "Cases: 1 to create, 0 to update, 0 unchanged" in output
    assert not Case.objects.exists()


def test_with_commit_it_imports_and_names_who_ran_it(db, frozen, good_file, personas):
    output = run(str(good_file), "--commit", "--by", "manager")
    assert output.startswith("Imported cases.xlsx (sha256 ")
    assert Case.objects.count() == 1
    assert TimelineEntry.objects.filter(text__endswith="by Manager Persona.", by=personas["manager"]).exists()
    assert AuditEntry.objects.get(action="create").user == personas["manager"]


def test_without_a_user_the_command_line_account_is_named(db, frozen, good_file):
    run(str(good_file), "--commit")
    assert TimelineEntry.objects.filter(text__contains="by the command line (account ").exists()


def test_a_file_with_problems_fails_listing_them_and_imports_nothing(db, frozen, tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(xlsx({"Cases": [case_row(received_date="31/02/2022"), case_row(
        case_reference="COM-2022-0002", team="Fostring")]}))
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problems in cases.xlsx: nothing was imported"):
        call_command("import_records", str(path), "--commit", stdout=out)
    assert "  Row 2, 'Received date': 31/02/2022 is not a date" in out.getvalue()
    assert "  Row 3, 'Team': 'Fostring' is not a team — did you mean 'Fostering'?" in out.getvalue()
    assert not Case.objects.exists()


def test_only_someone_who_may_import_can_be_named(db, good_file, personas):
    with pytest.raises(CommandError, match="officer may not do this"):
        run(str(good_file), "--commit", "--by", "officer")
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        run(str(good_file), "--by", "nobody")


def test_a_file_that_is_not_there_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        run(str(tmp_path / "missing.xlsx"))
