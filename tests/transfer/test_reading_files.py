"""What files the import reads, and what it says about those it cannot."""

import io

import openpyxl

from complaints.casework.models import Case
from complaints.transfer.workbook import write_template
from tests.transfer.conftest import case_row, csv_bytes, messages, point_row, xlsx, zipped


def test_a_zip_of_csv_files_imports_like_a_workbook(import_records):
    report = import_records(zipped({"cases.csv": csv_bytes([case_row()]),
                                    "Points.csv": csv_bytes([point_row()])}), name="records.zip")
    assert report.committed, report.describe()
    assert Case.objects.get().points.count() == 1


def test_one_csv_file_is_the_sheet_its_name_says(import_records):
    report = import_records(csv_bytes([case_row()]), name="cases.csv")
    assert report.committed and Case.objects.count() == 1


def test_a_csv_file_named_otherwise_is_the_sheet_its_headings_match(import_records):
    report = import_records(csv_bytes([case_row()]), name="export from the old system.csv")
    assert report.committed and Case.objects.count() == 1


def test_a_csv_file_that_is_not_utf8_says_how_to_save_it(import_records):
    report = import_records(csv_bytes([case_row(what_happened="Charged £40 for a café meeting")],
                                      encoding="cp1252"), name="cases.csv")
    assert messages(report) == ["Cases: cases.csv is not UTF-8 text: in Excel, save it as "
                                "'CSV UTF-8 (Comma delimited)'"]


def test_an_empty_file_is_refused(import_records):
    assert messages(import_records(b"", name="records.xlsx")) == ["records.xlsx is empty"]


def test_a_file_called_xlsx_that_is_not_a_workbook_is_refused(import_records):
    report = import_records(b"Case reference,Kind\nCOM-1,Complaint\n", name="records.xlsx")
    assert messages(report) == ["records.xlsx is not an Excel workbook or a ZIP file, whatever its name says: "
                                "save it from Excel as an Excel workbook (.xlsx)"]


def test_an_older_excel_file_is_refused(import_records):
    report = import_records(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), name="records.xls")
    assert messages(report)[0].startswith("records.xls is an older Excel file (.xls)")


def test_a_damaged_workbook_is_refused(import_records):
    data = xlsx({"Cases": [case_row()]})
    report = import_records(data[: len(data) // 2], name="records.xlsx")
    assert messages(report)[0].startswith("records.xlsx is a damaged ZIP file or workbook")


def test_a_formula_is_a_problem(import_records):
    report = import_records(xlsx({"Cases": [case_row(received_date="=TODAY()-30")]}))
    assert messages(report) == ["Cases: Row 2, 'Received date': is a formula (=TODAY()-30): type the value itself"]


def test_a_heading_the_sheet_does_not_have_is_a_problem(import_records):
    report = import_records(xlsx({"Cases": [case_row() | {"Favourite colour": "Blue"}]}))
    assert messages(report) == ["Cases: 'Favourite colour': 'Favourite colour' is not a column of the Cases sheet"]


def test_a_missing_required_column_is_a_problem(import_records):
    row = case_row()
    del row["Received date"]
    report = import_records(xlsx({"Cases": [row]}))
    assert messages(report) == ["Cases: the Cases sheet needs a 'Received date' column"]


def test_values_under_no_heading_are_a_problem(import_records):
    report = import_records(xlsx({"Cases": [case_row() | {None: "stray"}]}))
    assert messages(report) == ["Cases: Row 2: there are values in a column with no heading: give it a heading "
                                "from the template, or delete it"]


def test_a_sheet_the_template_does_not_have_is_a_problem(import_records):
    report = import_records(xlsx({"Cases": [case_row()], "My notes": [{"Note": "call Sam back"}]}))
    assert messages(report)[0].startswith("Sheet 'My notes' is not one of the template's sheets")


def test_a_cell_longer_than_a_spreadsheet_holds_is_a_problem(import_records):
    report = import_records(csv_bytes([case_row(what_happened="x" * 40_000)]), name="cases.csv")
    assert messages(report) == ["Cases: Row 2, 'What happened': is 40,000 characters long: the most it can be "
                                "is 32,767"]


def test_a_cell_too_long_for_csv_is_a_problem(import_records):
    report = import_records(csv_bytes([case_row(what_happened="x" * 200_000)]), name="cases.csv")
    assert messages(report) == ["Cases: cases.csv cannot be read at row 2: a cell is too long"]


def test_the_empty_template_imports_nothing_and_says_so(import_records):
    out = io.BytesIO()
    write_template(out)
    report = import_records(out.getvalue(), commit=False)
    assert report.ok and not Case.objects.exists()
    assert "Cases: the sheet is empty." not in report.notices
    assert all(sum(counts.values()) == 0 for counts in report.counts.values())


def test_headings_match_whatever_their_case_and_punctuation(import_records):
    row = {heading.upper().replace(" ", "_"): value for heading, value in case_row().items()}
    assert import_records(xlsx({"CASES": [row]})).committed


def test_rows_of_blank_cells_are_passed_over(import_records):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Cases"
    ws.append(list(case_row()))
    ws.append([None] * 3)
    ws.append(list(case_row().values()))
    out = io.BytesIO()
    book.save(out)
    assert import_records(out.getvalue()).committed and Case.objects.count() == 1
