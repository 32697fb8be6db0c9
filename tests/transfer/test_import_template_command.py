"""python manage.py import_template --output FILE, and the template itself."""

import io

import openpyxl
from django.core.management import call_command

from complaints.accounts.models import Team
from complaints.transfer.sheets import TEMPLATE_SHEETS


def template(tmp_path):
    path = tmp_path / "template.xlsx"
    out = io.StringIO()
    call_command("import_template", "--output", str(path), stdout=out)
    assert f"Template written to {path}" in out.getvalue()
    return openpyxl.load_workbook(path)


def test_the_template_has_a_sheet_per_record_with_its_headings(db, tmp_path):
    book = template(tmp_path)
    assert book.sheetnames == [sheet.name for sheet in TEMPLATE_SHEETS] + ["Notes", "Lists"]
    for sheet in TEMPLATE_SHEETS:
        assert [cell.value for cell in book[sheet.name][1]] == [c.header for c in sheet.columns]
        assert book[sheet.name].max_row == 1


def test_the_notes_explain_every_column_and_what_it_may_hold(db, tmp_path):
    notes = list(template(tmp_path)["Notes"].iter_rows(values_only=True))
    explained = {(sheet, column): (needed, allowed) for sheet, column, needed, _, allowed in notes[1:] if column}
    for sheet in TEMPLATE_SHEETS:
        for column in sheet.columns:
            needed, allowed = explained[(sheet.name, column.header)]
            assert allowed and (needed == "Yes") == column.required
    assert explained[("Cases", "Received date")][1].startswith("A date: a date cell, or YYYY-MM-DD or DD/MM/YYYY")
    assert "Complaint (complaint); Enquiry (enquiry)" in explained[("Cases", "Kind")][1]


def test_the_drop_down_lists_come_from_the_councils_own_reference_data(db, tmp_path):
    Team.objects.create(name="Youth Justice")
    Team.objects.create(name="Closed Team", active=False)
    book = template(tmp_path)
    cases = book["Cases"]
    team_column = [c.header for c in TEMPLATE_SHEETS[0].columns].index("Team") + 1
    letter = openpyxl.utils.get_column_letter(team_column)
    validation = next(v for v in cases.data_validations.dataValidation if str(v.sqref).startswith(letter + "2"))
    source = validation.formula1.removeprefix("=")
    column = source.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    lists = book["Lists"]
    names = [row[0].value for row in lists[f"{column}1:{column}{lists.max_row}"] if row[0].value]
    assert "Youth Justice" in names and "Fostering" in names and "Closed Team" not in names
    assert validation.type == "list"
