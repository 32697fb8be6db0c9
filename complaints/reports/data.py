"""A report as plain data: tables, figures, sentences and warnings, with no
knowledge of any file format. The builders (annual.py, quarterly.py) make one;
the renderers (render/) lay one out; ``as_dict`` is the published JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Value = int | float | Decimal | str | None


@dataclass
class Row:
    """One row of a table. ``values`` line up with the table's columns; a
    suppressed count is None and ``notes`` says why. ``filters`` are the case
    list's query parameters for the cases behind the row (empty: no drill-down)."""

    label: str
    values: list[Value]
    key: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A table of the report.

    ``columns`` name what each value is: a year ("2021-22"), a year's
    percentage ("2021-22 %"), or for the few tables that are lists rather than
    counts (the action plan) a field. Most recent year first. ``kind`` says how
    values are written: "count", "money" (pounds) or "text". ``chart`` is
    "bar" when the table is drawn as a chart (its count columns, year on year).
    ``sources`` says, per year, whether its figures came from the records or
    were entered by staff ("records" or "entered").
    """

    id: str
    title: str
    section: str
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    notes: list[str] = field(default_factory=list)
    kind: str = "count"
    chart: str = ""
    sources: dict[str, str] = field(default_factory=dict)

    def row(self, key_or_label: str) -> Row:
        for row in self.rows:
            if key_or_label in (row.key, row.label):
                return row
        raise KeyError(f"{self.id} has no row {key_or_label!r}")

    def value(self, row: str, column: str) -> Value:
        if row == "Total" and self.total is not None:
            return self.total.values[self.columns.index(column)]
        return self.row(row).values[self.columns.index(column)]

    def count_columns(self) -> list[int]:
        """Indexes of the columns that hold counts (not percentages or text)."""
        return [i for i, c in enumerate(self.columns) if not c.endswith("%")]


@dataclass
class Sentence:
    """A drafted sentence of a section, and the figures it quotes."""

    section: str
    text: str
    figures: list[Value] = field(default_factory=list)


@dataclass
class Section:
    id: str
    title: str
    paragraph: str = ""
    edited: bool = False
    flagged_numbers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what is wrong with each flagged number


@dataclass
class Example:
    """A published compliment: its team, who gave it, the words with names replaced."""

    team: str
    given_by: str
    words: str


@dataclass
class Report:
    year: str
    title: str
    edition: str  # "published" or "internal"
    sections: list[Section]
    tables: list[Table]
    sentences: list[Sentence]
    warnings: list[str] = field(default_factory=list)
    figures: dict[str, Value] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    period: str = ""  # "April 2021 to March 2022"
    prepared_for: str = ""
    prepared_by: str = ""
    edition_rule: str = ""  # the published edition's suppression rule, in words

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(f"No table {table_id!r}")

    def section_tables(self, section_id: str) -> list[Table]:
        return [t for t in self.tables if t.section == section_id]

    def section_sentences(self, section_id: str) -> list[Sentence]:
        return [s for s in self.sentences if s.section == section_id]

    def as_dict(self) -> dict[str, Any]:
        """The open-data JSON: stable table ids, values lined up with columns,
        a suppressed count as null with a note."""
        return {
            "year": self.year,
            "title": self.title,
            "edition": self.edition,
            "tables": [_table_dict(t) for t in self.tables],
            "sentences": [{"section": s.section, "text": s.text} for s in self.sentences],
            "figures": {k: _json_value(v) for k, v in self.figures.items()},
            "examples": [vars(e) for e in self.examples],
            "edition_rule": self.edition_rule,
        }


def _json_value(value: Value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _row_dict(row: Row) -> dict[str, Any]:
    out = {"label": row.label, "values": [_json_value(v) for v in row.values]}
    if row.notes:
        out["notes"] = list(row.notes)
    return out


def _table_dict(table: Table) -> dict[str, Any]:
    out = {
        "id": table.id,
        "title": table.title,
        "section": table.section,
        "kind": table.kind,
        "columns": list(table.columns),
        "rows": [_row_dict(r) for r in table.rows],
    }
    if table.total is not None:
        out["total"] = _row_dict(table.total)
    if table.notes:
        out["notes"] = list(table.notes)
    if table.sources:
        out["sources"] = dict(table.sources)
    return out
