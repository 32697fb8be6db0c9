"""Reading an import file: an Excel workbook (.xlsx), one CSV file, or a ZIP of
CSV files (one per sheet), whatever its name says it is.

Rows stream: a workbook's sheets are read with openpyxl in read-only mode
(which reads the workbook's structure, shared strings and date styles) and
each sheet's XML is walked row by row with lxml, dropping each row once read,
so memory stays flat however long the sheet. (openpyxl's own cell reader does
the same walk about five times slower; for 100,000 cases that is the
difference between a few seconds and most of a minute.)

Anything that makes a file unreadable raises FileProblem with a sentence for
the person who uploaded it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601

from complaints.transfer.values import CellError, Formula

# A workbook or ZIP that unpacks to more than this is refused (a ZIP bomb, or
# far more than any council's records).
MAX_UNPACKED = 2 * 1024**3

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _FORMULA, _INLINE, _TEXT = (
    _NS + tag for tag in ("row", "c", "v", "f", "is", "t"))


class FileProblem(Exception):
    """The file, or one of its sheets, cannot be read; the message says why."""


@dataclass
class SourceSheet:
    """One sheet of the file (or one CSV file): ``rows()`` yields (row number,
    [cell values from column A]), the heading row first."""

    name: str
    rows: Callable[[], Iterator[tuple[int, list]]]


@contextmanager
def open_file(file, filename: str):
    """The sheets of ``file`` (a binary file object), a list of SourceSheet,
    while the file is open. FileProblem if it is not a file we can read."""
    start = file.read(8)
    file.seek(0)
    name = PurePath(filename).name
    if not start:
        raise FileProblem(f"{name} is empty")
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(f"{name} is an older Excel file (.xls) or another Office file: "
                          "save it as an Excel workbook (.xlsx) and upload that")
    if start.startswith(b"PK\x03\x04"):
        with _zip(file, name) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                yield _csv_files(archive, name)
                return
        book = _workbook(file, name)
        try:
            yield _worksheets(book)
        finally:
            book.close()
        return
    if PurePath(filename).suffix.lower() in {".xlsx", ".xlsm", ".zip"}:
        raise FileProblem(f"{name} is not an Excel workbook or a ZIP file, whatever its name says: "
                          "save it from Excel as an Excel workbook (.xlsx)")
    def rows():
        file.seek(0)
        return _csv_rows(file, name)

    yield [SourceSheet(PurePath(filename).stem, rows)]


def _zip(file, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(file)
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem(f"{name} is a damaged ZIP file or workbook ({error})") from None
    if unpacked > MAX_UNPACKED:
        archive.close()
        raise FileProblem(f"{name} unpacks to more than {MAX_UNPACKED // 1024**3} GB: split it into "
                          "smaller files")
    return archive


# -- Workbooks ------------------------------------------------------------------------


@dataclass
class _Workbook:
    """What reading a workbook's sheets needs, from openpyxl's reader: the
    archive, shared strings, which styles are dates, the date epoch, and each
    worksheet's name and path in the archive."""

    archive: zipfile.ZipFile
    shared_strings: list
    date_styles: set
    epoch: object
    sheets: list[tuple[str, str]]

    def close(self):
        self.archive.close()


def _workbook(file, name: str) -> _Workbook:
    """The workbook's structure, read with openpyxl's reader in read-only mode
    up to, but not including, its worksheets: openpyxl's read-only
    worksheets each read their whole sheet once just to size it when (as in
    files openpyxl itself writes) the sheet does not say its size."""
    try:
        reader = ExcelReader(file, read_only=True, data_only=False, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
                  if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise FileProblem(f"{name} could not be read as an Excel workbook ({type(error).__name__}: "
                          f"{error}): open it in Excel and save it again as .xlsx") from None
    return _Workbook(reader.archive, reader.shared_strings, reader.wb._date_formats, reader.wb.epoch, sheets)


def _worksheets(book: _Workbook) -> list[SourceSheet]:
    return [
        SourceSheet(title, lambda title=title, path=path: _sheet_rows(book, title, path))
        for title, path in book.sheets
    ]


def _sheet_rows(book: _Workbook, title: str, path: str) -> Iterator[tuple[int, list]]:
    """Each row of a worksheet, walking its XML. Cells are values as openpyxl
    gives them (text, number, bool, datetime for a date-formatted number),
    Formula for a formula and CellError for an error such as #N/A. The
    hottest loop of an import: about a microsecond a cell."""
    shared, epoch = book.shared_strings, book.epoch
    date_styles = {str(style) for style in book.date_styles}
    columns: dict[str, int] = {}
    dates: dict[str, object] = {}
    number = 0
    try:
        with book.archive.open(path) as source:
            for _, row in etree.iterparse(source, tag=_ROW, resolve_entities=False, no_network=True):
                number = int(row.get("r") or number + 1)
                values: list = []
                for cell in row:
                    if len(cell) == 0:  # an empty cell, or not a cell at all
                        continue
                    part = cell[0]  # <f>, <v> or <is> (in that order): a formula, a value or inline text
                    tag = part.tag
                    if tag == _INLINE:
                        if len(part) == 1 and part[0].tag == _TEXT:  # plain text, not rich text
                            value = part[0].text or ""
                        else:
                            value = "".join(t.text or "" for t in part.iter(_TEXT))
                    elif tag == _VALUE:
                        value = _value(part.text, cell.get("t"), cell.get("s"), shared, date_styles, dates, epoch)
                    elif tag == _FORMULA:
                        value = Formula("=" + (part.text or ""))
                    else:
                        continue
                    if value is None:
                        continue
                    reference = cell.get("r")
                    if reference:
                        letters = reference.rstrip("0123456789")
                        column = columns.get(letters) or columns.setdefault(
                            letters, column_index_from_string(letters))
                    else:
                        column = len(values) + 1
                    if column > len(values) + 1:
                        values.extend([None] * (column - len(values) - 1))
                    values.append(value)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                yield number, values
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError, IndexError) as error:
        raise FileProblem(f"sheet '{title}' is damaged after row {number} ({error}): open the "
                          "workbook in Excel and save it again") from None


def _value(text, kind, style, shared, date_styles, dates, epoch):
    """A <v> element's text as the value its cell type says it is."""
    if text is None:
        return None
    if kind == "s":
        return shared[int(text)]
    if kind in ("str", "inlineStr"):
        return text
    if kind == "b":
        return text == "1"
    if kind == "e":
        return CellError(text)
    if kind == "d":
        return from_ISO8601(text)
    if style in date_styles:
        if text not in dates:  # a file's dates repeat: convert each once
            try:
                dates[text] = from_excel(float(text), epoch)
            except (OverflowError, ValueError):
                dates[text] = float(text)
        return dates[text]
    return int(text) if text.lstrip("-").isdigit() else float(text)


# -- CSV ------------------------------------------------------------------------------


def _csv_files(archive: zipfile.ZipFile, name: str) -> list[SourceSheet]:
    entries = [info for info in archive.infolist()
               if not info.is_dir() and not PurePath(info.filename).name.startswith((".", "__MACOSX"))
               and "__MACOSX" not in info.filename]
    others = [info.filename for info in entries if not info.filename.lower().endswith(".csv")]
    if others or not entries:
        raise FileProblem(f"{name} is a ZIP file that should hold only CSV files, one for each sheet"
                          + (f"; it holds {', '.join(others[:3])}" if others else ""))
    return [
        SourceSheet(PurePath(info.filename).stem, lambda info=info: _csv_rows(archive.open(info), info.filename))
        for info in entries
    ]


def _csv_rows(binary, name: str) -> Iterator[tuple[int, list]]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    number = 0
    try:
        for number, row in enumerate(csv.reader(text), 1):
            if any("\x00" in cell for cell in row):
                raise csv.Error("NUL")
            yield number, row
    except UnicodeDecodeError:
        raise FileProblem(f"{name} is not UTF-8 text: in Excel, save it as "
                          "'CSV UTF-8 (Comma delimited)'") from None
    except csv.Error as error:
        reason = ("a cell is too long" if "field larger" in str(error)
                  else "it holds a NUL character, so it is not a CSV file" if "NUL" in str(error)
                  else str(error))
        raise FileProblem(f"{name} cannot be read at row {number + 1}: {reason}") from None
    finally:
        text.detach()
