"""Malformed files, made by hypothesis: whatever is wrong with a file, the
import says so in words and the database is exactly as it was."""

import io
import re
from dataclasses import dataclass, field

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.audit.models import AuditEntry
from complaints.casework.models import Case, Child, Complainant, Point, Stage, TimelineEntry
from complaints.records.models import Cost
from complaints.transfer.importer import import_file
from complaints.transfer.sheets import CASES, header_key
from tests.transfer.conftest import case_row, child_row, csv_bytes, point_row, xlsx, zipped

MODELS = (Case, Complainant, Point, Child, Stage, TimelineEntry, AuditEntry, Cost)
# Text a workbook cell can hold (no control characters), not blank.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)
NOT_A_DATE = st.one_of(
    TEXT.filter(lambda t: not re.match(r"\s*\d", t)), st.integers(-10**6, 10**6), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
)
NOT_A_NUMBER = TEXT.filter(lambda t: not re.fullmatch(r"\s*[-+]?[\d.,£]+\s*", t))
REQUIRED = [column.header for column in CASES.required]


@dataclass(frozen=True)
class Malformed:
    """A malformed file; its repr says what is wrong with it, not its bytes."""

    data: bytes = field(repr=False)
    name: str
    what: str


def counts():
    return [model.objects.count() for model in MODELS]


def rows(n):
    return [case_row(case_reference=f"OLD-{i}") for i in range(1, n + 1)]


@st.composite
def damaged_workbooks(draw):
    """A workbook of good cases, points and children with one thing wrong."""
    cases = rows(draw(st.integers(1, 4)))
    sheets = {"Cases": cases, "Points": [point_row(case_reference="OLD-1")],
              "Children": [child_row(case_reference="OLD-1")]}
    victim = draw(st.sampled_from(cases))
    damage = draw(st.sampled_from([
        "wrong type", "missing column", "extra column", "missing sheet", "huge cell", "formula",
        "bad number", "unknown sheet", "duplicate", "bad choice",
    ]))
    if damage == "wrong type":
        victim[draw(st.sampled_from(["Received date", "Became aware date"]))] = draw(NOT_A_DATE)
    elif damage == "missing column":
        heading = draw(st.sampled_from(REQUIRED))
        for row in cases:
            row.pop(heading, None)
    elif damage == "extra column":
        victim[draw(TEXT.filter(lambda t: header_key(t) not in CASES.by_header))] = draw(TEXT)
    elif damage == "missing sheet":
        del sheets["Cases"]
    elif damage == "huge cell":
        # A workbook cell holds at most 32,767 characters (openpyxl cuts longer ones, as Excel
        # does): too long is too long for its column. CSV files: test_reading_files.py.
        victim[draw(st.sampled_from(["Complainant name", "Case reference", "Complainant phone"]))] = "x" * draw(
            st.integers(201, 32_767))
    elif damage == "formula":
        victim[draw(st.sampled_from(list(victim)))] = "=" + draw(st.sampled_from(["1+1", "TODAY()", "A1&B1"]))
    elif damage == "bad number":
        sheets["Points"][0]["Point number"] = draw(NOT_A_NUMBER)
    elif damage == "unknown sheet":
        sheets[draw(TEXT.map(lambda t: re.sub(r"[\[\]:*?/\\']", "", t)[:25]).filter(
            lambda t: t.strip() and header_key(t) not in {"cases", "points", "children", "notes", "lists"}))] = [
            {draw(TEXT): draw(TEXT)}]
    elif damage == "duplicate":
        cases.append(dict(victim))
    else:
        victim[draw(st.sampled_from(["Kind", "Channel", "Team", "Complainant relationship"]))] = draw(
            TEXT.filter(lambda t: len(t.strip()) > 3 and t.strip().casefold() not in {
                "complaint", "enquiry", "email", "letter", "online", "parent", "other", "fostering"}))
    return Malformed(xlsx(sheets), "records.xlsx", f"{damage} in {victim.get('Case reference')!r}")


@st.composite
def junk_files(draw):
    """Bytes that are no spreadsheet, under a spreadsheet's name."""
    name = draw(st.sampled_from(["records.xlsx", "cases.csv", "records.zip", "records.xls"]))
    data = draw(st.binary(max_size=3000))
    return Malformed(data, name, f"{len(data)} bytes: {data[:40]!r}")


@st.composite
def damaged_csv_files(draw):
    """A CSV file of cases that is not UTF-8, holds NUL characters, or is a ZIP holding something else."""
    good = csv_bytes(rows(2))
    damage = draw(st.sampled_from(["latin-1", "nul", "zip of other files", "cut short workbook"]))
    if damage == "latin-1":
        return Malformed(csv_bytes([case_row(what_happened=f"Fees of £{draw(st.integers(0, 999))} é")],
                                   encoding="latin-1"), "cases.csv", damage)
    if damage == "nul":
        at = draw(st.integers(0, len(good)))
        return Malformed(good[:at] + b"\x00" + good[at:], "cases.csv", f"NUL at {at}")
    if damage == "zip of other files":
        other = draw(st.sampled_from(["notes.txt", "photo.jpg", "a.pdf"]))
        return Malformed(zipped({"cases.csv": good, other: b"x"}), "records.zip", f"ZIP with {other}")
    data = xlsx({"Cases": rows(3)})
    cut = draw(st.integers(1, len(data) - 1))
    return Malformed(data[:cut], "records.xlsx", f"workbook cut at {cut} of {len(data)} bytes")


@pytest.mark.parametrize("files", [damaged_workbooks(), junk_files(), damaged_csv_files()],
                         ids=["damaged workbooks", "junk", "damaged csv"])
def test_a_malformed_file_is_refused_in_words_and_changes_nothing(db, frozen, record_complaint, files):
    record_complaint()
    before = counts()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(files)
    def check(file):
        report = import_file(io.BytesIO(file.data), file.name, commit=True)
        assert not report.ok and not report.committed
        assert report.problems and all(str(problem).strip() for problem in report.problems)
        assert "Traceback" not in report.describe()
        assert counts() == before

    check()


def test_a_workbook_saved_with_a_formula_in_every_cell_is_refused(import_records):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Cases"
    ws.append(list(case_row()))
    ws.append([f"=\"{value}\"" for value in case_row().values()])
    out = io.BytesIO()
    book.save(out)
    report = import_records(out.getvalue())
    assert report.problem_count == len(case_row()) and not Case.objects.exists()


@pytest.mark.parametrize("raw", ["Infinity", "-inf", "NaN", "sNaN", "1e999999"])
def test_a_number_cell_that_is_not_finite_is_a_problem_not_a_crash(raw):
    from complaints.transfer.values import Invalid, Number

    with pytest.raises(Invalid, match="is not a whole number|is not from"):
        Number(1, 40).parse(raw, None)
