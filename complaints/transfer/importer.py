"""Importing a file of records: ``import_file(file, filename, commit=..., by=...)``.

Everything happens in one transaction. Each sheet is read row by row; a row's
cells are parsed by its columns' kinds and checked by the sheet's mapper, and
rows are written in batches as they come (so later sheets can be checked
against earlier ones: a point's case, a stage's points). At the end the
transaction is rolled back unless the import was asked to commit and the
whole file was clean: nothing is ever half imported, and a dry run reports
exactly what a real one would do. A committed import notes itself on the
timeline of every case it created or changed, and in the audit log, with the
file's name and SHA-256 checksum and who ran it.

Costs: a few queries per batch of rows per sheet; memory holds one batch, the
keys of the sheet being read (to find a key given twice), and the ids of the
cases touched (for their timeline entries).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import DatabaseError, transaction

from complaints.accounts.access import case_scope
from complaints.accounts.models import User
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case, TimelineEntry
from complaints.casework.services import calendar, today
from complaints.govuk.forms import lower_first
from complaints.transfer.bulk import NewRecord, insert
from complaints.transfer.mappers import HeldCase, Row
from complaints.transfer.reading import FileProblem, open_file
from complaints.transfer.services import actor
from complaints.transfer.sheets import LISTS_SHEET, NOTES_SHEET, SHEETS, Sheet, header_key
from complaints.transfer.values import CellError, Formula, Invalid, Lookups, is_blank, shown

BATCH = 1000
# Problems listed in full; more are counted.
MAX_LISTED = 1000


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file: where (sheet, row, column), the value
    and why, in words a person can act on."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    @property
    def where(self) -> str:
        parts = [f"Row {self.row}"] if self.row else []
        if self.column:
            parts.append(f"'{self.column}'")
        return ", ".join(parts)

    def __str__(self):
        return f"{self.where}: {self.reason}" if self.where else self.reason


@dataclass
class Report:
    """What an import did, or would do: per sheet, how many records it
    created, updated and left unchanged; its problems; and notes."""

    filename: str
    sha256: str
    committed: bool = False
    counts: dict[str, Counter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    notices: list[str] = field(default_factory=list)
    cases_touched: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def problems_by_sheet(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.sheet, []).append(problem)
        return grouped

    def summary(self) -> str:
        """One line per sheet: "Cases: 3 created, 1 updated, 12 unchanged"."""
        verbs = ("created", "updated", "unchanged") if self.committed else (
            "to create", "to update", "unchanged")
        return "\n".join(
            f"{name}: " + ", ".join(f"{counts[key]:,} {verb}" for key, verb in
                                    zip(("created", "updated", "unchanged"), verbs))
            for name, counts in self.counts.items()
        )

    def describe(self) -> str:
        """The whole report as text (the command prints it; the audit keeps its summary)."""
        if self.committed:
            head = f"Imported {self.filename} (sha256 {self.sha256})."
        elif self.ok:
            head = f"Checked {self.filename} (sha256 {self.sha256}): no problems. Nothing was saved."
        else:
            head = (f"{self.filename} (sha256 {self.sha256}) has {self.problem_count:,} "
                    f"problem{'s' if self.problem_count != 1 else ''}: nothing was saved.")
        lines = [head, *self.notices]
        if self.counts:
            lines += ["", self.summary()]
        for sheet, problems in self.problems_by_sheet().items():
            lines += ["", sheet or "The file"]
            lines += [f"  {problem}" for problem in problems]
        if self.problem_count > len(self.problems):
            lines += ["", f"... and {self.problem_count - len(self.problems):,} more problems."]
        return "\n".join(lines)


class Run:
    """One import's state, shared by the sheets' mappers."""

    def __init__(self, report: Report, lookups: Lookups, by=None):
        self.report, self.lookups, self.by = report, lookups, by
        self.memo: dict = {}
        self.touched: set[int] = set()
        self._rejected: dict[str, set] = {}
        self._calendars: dict = {}

    def problem(self, sheet: Sheet | None, row: Row | None, field_name: str | None, reason: str,
                *, column: str = "", value=None) -> None:
        report = self.report
        report.problem_count += 1
        if row is not None and sheet is not None:
            self._rejected.setdefault(sheet.name, set()).add(tuple(row.values.get(f) for f in sheet.key))
        if len(report.problems) >= MAX_LISTED:
            return
        if field_name and sheet is not None:
            column = sheet.column(field_name).header
            value = row.raw.get(field_name) if row is not None else None
        report.problems.append(Problem(
            sheet.name if sheet else "", row.number if row is not None else None, column,
            "" if is_blank(value) else shown(value), reason))

    def had_problems(self, sheet_name: str, key: tuple) -> bool:
        """Whether a row of that sheet with this key had a problem (its records
        are not held, and rows referring to it are passed over quietly)."""
        return key in self._rejected.get(sheet_name, ())

    def notice(self, text: str) -> None:
        self.report.notices.append(text)

    def count(self, sheet: Sheet, what: str, n: int = 1) -> None:
        self.report.counts.setdefault(sheet.name, Counter())[what] += n

    def touch(self, case_ids) -> None:
        self.touched.update(pk for pk in case_ids if pk is not None)

    def cases(self, references) -> dict[str, HeldCase]:
        """The held cases with these references (one query)."""
        return {
            values[1]: HeldCase(*values)
            for values in Case.objects.filter(reference__in=references).values_list(
                "pk", "reference", "kind", "procedure", "received_on", "current_stage")
        }

    def hidden(self, references) -> set[str]:
        """The held cases among ``references`` that the person importing may
        not see (restricted ones), and so may not change either. One query;
        none for an administrator or from the command line."""
        if self.by is None or self.by.role == User.Role.ADMIN or not references:
            return set()
        return set(Case.objects.filter(reference__in=references).exclude(case_scope(self.by))
                   .values_list("reference", flat=True))

    def calendar(self, procedure: str):
        if procedure not in self._calendars:
            self._calendars[procedure] = calendar(procedure)
        return self._calendars[procedure]


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def import_file(file, filename: str, *, commit: bool, by=None, request=None,
                batch: int = BATCH) -> Report:
    """Check ``file`` (a binary file object called ``filename``) and, if
    ``commit`` and it has no problems, import it, recording ``by`` (a User, or
    None from the command line) as who did. Returns the Report."""
    filename = PurePath(filename).name
    report = Report(filename, sha256_of(file))
    run = Run(report, Lookups(today()), by)
    try:
        with open_file(file, filename) as sources:
            plan = _plan(sources, run)
            with transaction.atomic():
                headed = 0
                for sheet in SHEETS:
                    mapper = sheet.mapper(sheet, run)
                    if sheet in plan:
                        headed += _import_sheet(sheet, plan[sheet], mapper, run, batch)
                    mapper.finish()
                if plan and not headed:
                    run.problem(None, None, None,
                                f"{filename} has no headings and no records: is it the right file?")
                report.cases_touched = len(run.touched)
                if commit and report.ok:
                    report.committed = True
                    _record(run, by, request)
                else:
                    transaction.set_rollback(True)
    except FileProblem as problem:
        run.problem(None, None, None, str(problem))
        report.counts.clear()
    return report


def _plan(sources, run) -> dict[Sheet, object]:
    """Which sheet of the template each sheet of the file is: by its name, or
    else by its headings. A problem for a sheet that is none of them."""
    by_name = {header_key(sheet.name): sheet for sheet in SHEETS}
    plan = {}
    for source in sources:
        key = header_key(source.name)
        if key in (header_key(NOTES_SHEET), header_key(LISTS_SHEET)):
            continue
        sheet = by_name.get(key) or _by_headings(source)
        if sheet is None:
            run.problem(None, None, None, f"Sheet '{source.name}' is not one of the template's sheets "
                                          f"({', '.join(s.name for s in SHEETS)}), and its headings "
                                          "match none of them")
        elif sheet in plan:
            run.problem(None, None, None, f"Sheet '{source.name}' is a second {sheet.name} sheet")
        else:
            plan[sheet] = source
    if not plan and run.report.ok:
        run.problem(None, None, None, "The file has none of the template's sheets")
    return plan


def _by_headings(source):
    """The one sheet whose required headings the source's first row has (and
    no headings it does not know, unless it allows others)."""
    for _, cells in source.rows():
        headings = {header_key(cell) for cell in cells if not is_blank(cell)}
        matches = [
            sheet for sheet in SHEETS
            if {header_key(c.header) for c in sheet.required} <= headings
            and (sheet.extra_columns or headings <= set(sheet.by_header))
        ]
        return matches[0] if len(matches) == 1 else None
    return None


def _import_sheet(sheet: Sheet, source, mapper, run: Run, batch_size: int) -> bool:
    """Import one sheet; False if it has no heading row at all."""
    if not mapper.available():
        run.notice(f"{sheet.name}: not supported yet, so its rows were not imported.")
        return True
    rows = source.rows()
    try:
        columns = None
        for number, cells in rows:
            if columns is None:
                columns = _columns(sheet, cells, run)
                if columns is None:
                    return True
                parse = _row_parser(sheet, columns, run)
                seen: set[int] = set()
                batch: list[Row] = []
                continue
            if all(is_blank(cell) for cell in cells):
                continue
            before = run.report.problem_count
            row = parse(number, cells)
            if row is None:
                continue
            mapper.check(row)
            if run.report.problem_count > before:
                continue
            # Keys' hashes, not the keys: a tenth of the memory for a long sheet.
            key = tuple(row.values[f] for f in sheet.key)
            if hash(key) in seen:
                _duplicate(sheet, row, run)
                continue
            seen.add(hash(key))
            batch.append(row)
            if len(batch) >= batch_size:
                _write(mapper, batch, run)
                batch = []
        if columns is None:
            run.notice(f"{sheet.name}: the sheet is empty.")
            return False
        if batch:
            _write(mapper, batch, run)
    except FileProblem as problem:
        run.problem(sheet, None, None, str(problem))
    return True


def _duplicate(sheet, row, run):
    named = " and ".join(f"{sheet.column(f).header} {shown(row.raw.get(f))}" for f in sheet.key
                         if row.raw.get(f) is not None)
    run.problem(sheet, row, sheet.key[0], f"{named} {'is' if len(sheet.key) == 1 else 'are'} already on "
                                          "an earlier row: each record once")


def _write(mapper, batch, run):
    try:
        with transaction.atomic():
            mapper.write(batch)
    except DatabaseError as error:
        # The checks above should leave nothing the database refuses; if they
        # missed something, say where rather than fail.
        run.problem(mapper.sheet, None, None, f"Rows {batch[0].number} to {batch[-1].number} could not be "
                                              f"saved: {error}")


def _columns(sheet: Sheet, cells, run) -> list | None:
    """The column under each heading (None under a blank or ignored one), or
    None after reporting problems with the headings."""
    before = run.report.problem_count
    columns, found = [], set()
    for cell in cells:
        column = sheet.by_header.get(header_key(cell)) if not is_blank(cell) else None
        if column is None and not is_blank(cell) and not sheet.extra_columns:
            run.problem(sheet, None, None, f"'{cell}' is not a column of the {sheet.name} sheet",
                        column=str(cell), value=None)
        elif column is not None and column in found:
            run.problem(sheet, None, None, "this column is there twice", column=column.header)
        found.add(column)
        columns.append(column)
    for column in sheet.required:
        if column not in found:
            run.problem(sheet, None, None, f"the {sheet.name} sheet needs a '{column.header}' column")
    return columns if run.report.problem_count == before else None


def _row_parser(sheet: Sheet, columns: list, run: Run):
    """A function parsing one row's cells into a Row (None after reporting
    its problems). Columns the sheet has but the file does not are blank.
    Called for every row of the file: kept lean."""
    lookups = run.lookups
    blanks = {column.field: column.kind.blank for column in sheet.columns}
    placed = [(index, column, column.field, column.kind.parse) for index, column in enumerate(columns)
              if column is not None]
    unheaded = [index for index, column in enumerate(columns) if column is None]
    width = len(columns)
    warned = []

    def parse(number: int, cells: list) -> Row | None:
        row = Row(number, dict(blanks), {})
        values, raw = row.values, row.raw
        ok = True
        if not sheet.extra_columns and not warned and (
                len(cells) > width or any(not is_blank(cells[i]) for i in unheaded if i < len(cells))):
            warned.append(True)
            run.problem(sheet, row, None, "there are values in a column with no heading: give it a heading "
                                          "from the template, or delete it")
        count = len(cells)
        for index, column, name, kind_parse in placed if count >= width else [
                entry for entry in placed if entry[0] < count or entry[1].required]:
            cell = cells[index] if index < count else None
            if cell is None or cell == "" or (cell.__class__ is str and cell.isspace()):
                if column.required:
                    run.problem(sheet, row, name, f"is blank: every row needs {lower_first(column.header)}")
                    ok = False
                continue
            raw[name] = cell
            try:
                if isinstance(cell, (Formula, CellError)):
                    raise Invalid(f"is a formula ({cell[:40]}): type the value itself" if isinstance(cell, Formula)
                                  else f"is a spreadsheet error ({cell})")
                values[name] = kind_parse(cell, lookups)
            except Invalid as problem:
                run.problem(sheet, row, name, str(problem))
                ok = False
        return row if ok else None

    return parse


def _record(run: Run, by, request) -> None:
    """Note the import on each case it created or changed, and in the audit log."""
    report = run.report
    text = f"Imported from {report.filename} (sha256 {report.sha256}) by {actor(by)}."
    ids = sorted(run.touched)
    for start in range(0, len(ids), 2000):
        insert([NewRecord(TimelineEntry, {"case_id": pk, "text": text, "by_id": by.pk if by else None})
                for pk in ids[start:start + 2000]])
    audit.record(request, AuditEntry.Action.CREATE, None, user=by,
                 detail=f"Imported {report.filename} (sha256 {report.sha256}) by {actor(by)}; "
                        f"{len(ids):,} cases created or changed. {report.summary()}")
