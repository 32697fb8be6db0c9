"""The report as a spreadsheet (openpyxl): a "Contents" sheet listing the
tables, one sheet a table named by its id, and a "Warnings" sheet when the
report has any.

Each table's sheet: its title in A1, the edition in A2, the header row in
row 4, then a row a row and the total; the notes below. Numbers are numbers:
counts as whole numbers, money with a £ format, percentages as the numbers
the report gives (30.4, not 0.304) with one decimal place. A suppressed count
is the text "[c]", as the Government Statistical Service's guidance asks.
Text is always text: a task written "=HYPERLINK(...)" is not a formula
(complaints.spreadsheets.put, as the records export writes it).
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from complaints.reports.data import Report, Row, Table
from complaints.spreadsheets import put
from complaints.reports.render.layout import edition_label
from complaints.reports.render.values import (
    is_numeric,
    is_percent,
    is_percent_row,
    missing,
    table_notes,
)

HEADER_ROW = 4
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0"
MONEY_FORMAT = '"£"#,##0'
PENCE_FORMAT = '"£"#,##0.00'
BOLD = Font(bold=True)


def sheet_names(report: Report) -> dict[str, str]:
    """Each table's sheet name: its id, cut to Excel's 31 characters, unique."""
    names: dict[str, str] = {}
    taken = {"Contents", "Warnings"}
    for table in report.tables:
        name, n = table.id[:31], 1
        while name in taken:
            n += 1
            name = f"{table.id[:31 - len(str(n)) - 1]}_{n}"
        names[table.id] = name
        taken.add(name)
    return names


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    names = sheet_names(report)
    _contents(workbook.active, report, names)
    for table in report.tables:
        _table(workbook.create_sheet(names[table.id]), report, table)
    workbook.properties.title = report.title
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _contents(sheet, report: Report, names: dict[str, str]) -> None:
    sheet.title = "Contents"
    put(sheet["A1"], report.title).font = Font(bold=True, size=14)
    put(sheet["A2"], edition_label(report))
    sheet.cell(HEADER_ROW, 1, "Sheet").font = BOLD
    sheet.cell(HEADER_ROW, 2, "Table").font = BOLD
    row = HEADER_ROW
    for row, table in enumerate(report.tables, HEADER_ROW + 1):
        _link(sheet.cell(row, 1), names[table.id])
        put(sheet.cell(row, 2), table.title)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 60


def _link(cell, sheet_name: str) -> None:
    """``cell`` names a sheet and goes to it."""
    cell.value = sheet_name
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet_name}'!A1", display=sheet_name)
    cell.style = "Hyperlink"


def _table(sheet, report: Report, table: Table) -> None:
    put(sheet["A1"], table.title).font = Font(bold=True, size=14)
    put(sheet["A2"], f"{report.title}. {edition_label(report)}.")
    text = not is_numeric(table)
    for col, heading in enumerate(["No." if text else table.title] + table.columns, 1):
        cell = put(sheet.cell(HEADER_ROW, col), heading)
        cell.font = BOLD
        if col > 1 and not text:
            cell.alignment = Alignment(horizontal="right")
    rows = table.rows + ([table.total] if table.total is not None else [])
    for r, row in enumerate(rows, HEADER_ROW + 1):
        put(sheet.cell(r, 1), row.label).font = Font(bold=row is table.total)
        for c, (value, column) in enumerate(zip(row.values, table.columns), 2):
            cell = sheet.cell(r, c)
            _put(cell, value, table, column, row)
            cell.font = Font(bold=row is table.total)
    r = HEADER_ROW + len(rows) + 2
    for note in table_notes(table):
        put(sheet.cell(r, 1), note)
        r += 1
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)
    sheet.column_dimensions["A"].width = 6 if text else 45
    for c in range(2, len(table.columns) + 2):
        sheet.column_dimensions[get_column_letter(c)].width = 40 if text else 14


def _put(cell, value, table: Table, column: str, row: Row) -> None:
    if value is None:
        cell.value = missing(table, row, column) if is_numeric(table) else ""
        cell.alignment = Alignment(horizontal="right")
        return
    if isinstance(value, str):
        put(cell, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    cell.value = value
    if is_percent(column) or is_percent_row(row):
        cell.number_format = PERCENT_FORMAT
    elif table.kind == "money":
        cell.number_format = MONEY_FORMAT if value == int(value) else PENCE_FORMAT
    else:
        cell.number_format = COUNT_FORMAT if value == int(value) and not isinstance(value, float) else DECIMAL_FORMAT
