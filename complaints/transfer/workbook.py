"""Writing the template and the export: one workbook format for both.

A sheet per record type with a heading row, a Notes sheet explaining every
column and what it allows, and a Lists sheet holding the council's own
reference data, which the columns' drop-down lists offer. The export is the
template with the records in it, so an export imports again as it is.

Written with openpyxl's write-only workbook: rows stream to the file, so an
export's memory does not grow with the records.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from complaints.casework.services import today
from complaints.spreadsheets import put
from complaints.transfer.sheets import LISTS_SHEET, NOTES_SHEET, TEMPLATE_SHEETS
from complaints.transfer.values import Lookups

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def write_template(out) -> None:
    """The empty template, with today's reference data in its lists."""
    _write(out, records=False)


def write_export(out) -> dict[str, int]:
    """Every record, in the template's format. Returns the rows per sheet."""
    return _write(out, records=True)


def _write(out, *, records: bool) -> dict[str, int]:
    lookups = Lookups(today())
    book = Workbook(write_only=True)
    lists = _Lists(lookups)
    counts = {}
    for sheet in TEMPLATE_SHEETS:
        ws = book.create_sheet(sheet.name)
        ws.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, 1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = max(12, min(len(column.header) + 4, 40))
            if (source := lists.range_for(column.kind)) is not None:
                validation = DataValidation(
                    type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True,
                    errorStyle="warning", errorTitle=column.header,
                    error="Choose from the list, or type a code the Notes sheet gives")
                validation.add(f"{letter}2:{letter}1048576")
                ws.data_validations.append(validation)
        ws.append([_cell(ws, column.header, font=BOLD) for column in sheet.columns])
        counts[sheet.name] = 0
        if records:
            for row in sheet.mapper.export(sheet):
                ws.append([_value(ws, column.kind.format(row[column.field], lookups))
                           for column in sheet.columns])
                counts[sheet.name] += 1
    _notes(book, lookups)
    lists.write(book)
    book.save(out)
    return counts


def _cell(ws, value, font=None, alignment=None):
    cell = WriteOnlyCell(ws, value=value)
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    return cell


def _value(ws, value):
    """Text that starts with "=" stays text: it is never made a formula."""
    if isinstance(value, str) and value.startswith("="):
        return put(WriteOnlyCell(ws), value)
    return value


def _notes(book, lookups) -> None:
    ws = book.create_sheet(NOTES_SHEET)
    for letter, width in zip("ABCDE", (24, 30, 12, 60, 60)):
        ws.column_dimensions[letter].width = width
    headings = ("Sheet", "Column", "Needed", "What it is", "What it may be")
    ws.append([_cell(ws, text, font=BOLD) for text in headings])
    for sheet in TEMPLATE_SHEETS:
        ws.append([_cell(ws, sheet.name, font=BOLD), None, None, _cell(ws, sheet.about, alignment=WRAP)])
        for column in sheet.columns:
            ws.append([sheet.name, column.header, "Yes" if column.required else "",
                       _cell(ws, column.notes, alignment=WRAP),
                       _cell(ws, column.kind.describe(lookups), alignment=WRAP)])
    ws.append([])
    for line in GENERAL_NOTES:
        ws.append([_cell(ws, line)])


GENERAL_NOTES = (
    "Dates: a date cell, or text as YYYY-MM-DD or DD/MM/YYYY.",
    "Lists: the label or the code, in any case; the drop-down lists offer the labels.",
    "Blank cells are fine where a column is not needed. Formulas are not: type values.",
    "Rows are matched to records already held by each sheet's key (for example a case by its "
    "reference), so importing a file again changes only what changed.",
    "Due dates are worked out from the dates given and the working-day calendar: they are never columns.",
    "Nothing is imported unless the whole file is free of problems.",
)


class _Lists:
    """The Lists sheet: a column for each distinct drop-down list."""

    def __init__(self, lookups):
        self.lookups = lookups
        self.columns: dict[tuple[str, ...], str] = {}

    def range_for(self, kind) -> str | None:
        options = kind.options(self.lookups)
        if not options:
            return None
        options = tuple(options)
        if options not in self.columns:
            letter = get_column_letter(len(self.columns) + 1)
            self.columns[options] = letter
        letter = self.columns[options]
        return f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"

    def write(self, book) -> None:
        ws = book.create_sheet(LISTS_SHEET)
        lists = list(self.columns)
        for index in range(max((len(options) for options in lists), default=0)):
            ws.append([options[index] if index < len(options) else None for options in lists])
