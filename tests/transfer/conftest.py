"""Import files built in the tests: workbooks and CSV files from rows given
as {heading: value}, and a way to import one."""

import csv
import io
import zipfile

import openpyxl
import pytest

from complaints.transfer.importer import import_file


def case_row(**changes) -> dict:
    """A complaint row for the Cases sheet; ``changes`` by heading, with
    underscores for spaces (received_date="2022-09-09")."""
    row = {
        "Case reference": "COM-2022-0001",
        "Kind": "Complaint",
        "Procedure": "Statutory",
        "Received date": "09/09/2022",
        "Channel": "Email",
        "Team": "Fostering",
        "What happened": "Nobody returned my calls.",
        "Complainant name": "Sam Taylor",
        "Complainant relationship": "Parent",
    }
    return _changed(row, changes)


def point_row(**changes) -> dict:
    return _changed({"Case reference": "COM-2022-0001", "Point number": 1,
                     "Point": "Calls not returned", "Theme": "communication"}, changes)


def child_row(**changes) -> dict:
    return _changed({"Case reference": "COM-2022-0001", "Child number": 1, "Child name": "Alex Taylor",
                     "Date of birth": "2012-03-31"}, changes)


def stage_row(**changes) -> dict:
    return _changed({"Case reference": "COM-2022-0001", "Stage": 1}, changes)


def _changed(row, changes):
    for name, value in changes.items():
        heading = next((h for h in row if h.lower() == name.replace("_", " ").lower()), None)
        row[heading or name.replace("_", " ").capitalize()] = value
    return row


def xlsx(sheets: dict[str, list[dict]]) -> bytes:
    """A workbook with a sheet for each name, its headings the rows' keys."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        headings = list(dict.fromkeys(h for row in rows for h in row))
        ws.append(headings)
        for row in rows:
            ws.append([row.get(h) for h in headings])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[dict], encoding="utf-8") -> bytes:
    headings = list(dict.fromkeys(h for row in rows for h in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in headings])
    return out.getvalue().encode(encoding)


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def import_records(db, frozen):
    """Import ``data`` (bytes) as the file ``name``; a dry run unless ``commit``."""

    def run(data: bytes, *, commit=True, name="records.xlsx", by=None):
        return import_file(io.BytesIO(data), name, commit=commit, by=by)

    return run


def messages(report) -> list[str]:
    """Each problem as "Sheet: Row 2, 'Column': reason"."""
    return [f"{p.sheet}: {p}" if p.sheet else str(p) for p in report.problems]
