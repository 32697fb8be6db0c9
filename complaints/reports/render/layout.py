"""The order a report is read in, shared by every document format: its
sections, each with its paragraphs, its tables (numbered, values written as
text, with their charts) and, for compliments, the published examples.

Tables whose section the report does not list come last, under a heading of
their own; examples go with the "compliments" section (or last, if it has none).
"""

from dataclasses import dataclass, field
from typing import Callable

from complaints.reports import richtext
from complaints.reports.data import Example, Report, Row, Section, Table
from complaints.reports.render.charts import Chart
from complaints.reports.render.values import (
    is_numeric,
    is_year,
    row_texts,
    table_notes,
)

EDITIONS = {
    "published": "Published edition: small counts are suppressed",
    "internal": "Internal edition: every count, not for publication",
}



def edition_label(report: Report) -> str:
    """What the edition is; the published one states its suppression rule."""
    if report.edition == "published" and report.edition_rule:
        return report.edition_rule
    return EDITIONS.get(report.edition, report.edition)


def cover_lines(report: Report) -> list[str]:
    """Under the title on the cover: the period, who it is prepared for and by, the edition."""
    lines = [f"Covering {report.period}"] if report.period else []
    if report.prepared_for:
        lines.append(f"Prepared for: {report.prepared_for}")
    if report.prepared_by:
        lines.append(f"Prepared by: {report.prepared_by}")
    return lines + [edition_label(report)]


# (filters, year) -> the case list's URL for them; None: no links.
Linker = Callable[[dict[str, str], str], str]


@dataclass
class Cell:
    """A value as written; ``href`` the cases behind it (staff page only) and
    ``about`` what it counts, for screen readers ("Fostering, 2021-22")."""

    text: str
    numeric: bool
    href: str = ""
    about: str = ""


@dataclass
class Line:
    label: str
    cells: list[Cell]
    total: bool = False


@dataclass
class LaidTable:
    table: Table
    number: int
    lines: list[Line]
    notes: list[str]
    chart: Chart | None = None
    figure: int = 0  # the chart's figure number

    @property
    def id(self) -> str:
        return self.table.id

    @property
    def title(self) -> str:
        return self.table.title

    @property
    def headers(self) -> list[tuple[str, bool]]:
        """(column heading, whether it is numeric) for each value column."""
        return [(c, is_numeric(self.table)) for c in self.table.columns]


@dataclass
class Part:
    id: str
    title: str
    paragraphs: list[str]
    blocks: list[richtext.Block] = field(default_factory=list)  # the paragraphs with their markup
    tables: list[LaidTable] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    flagged_numbers: list[str] = field(default_factory=list)
    drafted: bool = True  # a section of the report (with a paragraph staff may write)

    @property
    def wide(self) -> bool:
        """Whether it holds a table of text (the action plan), which wants a landscape page."""
        return any(laid.table.kind == "text" for laid in self.tables)


def lay_out(report: Report, *, charts: dict[str, Chart] | None = None,
            link: Linker | None = None) -> list[Part]:
    """``report`` in reading order. ``charts`` by table id; ``link`` makes the
    drill-down links of count cells (rows with filters)."""
    charts = charts or {}
    parts = {s.id: _part(report, s) for s in report.sections}
    for table in report.tables:
        if table.section not in parts:
            title = table.section.replace("_", " ").capitalize() or "Other tables"
            parts[table.section] = Part(table.section, title, [], drafted=False)
    if report.examples:
        parts.setdefault("compliments", Part("compliments", "Compliments", [], drafted=False))
        parts["compliments"].examples = list(report.examples)

    for table in report.tables:
        parts[table.section].tables.append(LaidTable(
            table, 0, _lines(table, link), table_notes(table),
            chart=charts.get(table.id)))
    # Tables and figures are numbered in reading order, not in the report's list.
    table_number = figure_number = 0
    for part in parts.values():
        for laid in part.tables:
            table_number += 1
            laid.number = table_number
            if laid.chart is not None:
                figure_number += 1
                laid.figure = figure_number
    return list(parts.values())


def blocks(report: Report, section: Section) -> list[richtext.Block]:
    """The section's text (staff may have written it) as paragraphs and lists.
    Text flagged by the numbers check is never laid out: its drafted
    sentences stand in its place until it is put right."""
    if section.paragraph.strip() and not section.flagged_numbers:
        return richtext.parse(section.paragraph)
    sentences = " ".join(s.text for s in report.section_sentences(section.id))
    return richtext.parse(sentences) if sentences else []


def paragraphs(report: Report, section: Section) -> list[str]:
    """Each block's words: a paragraph, or a list's items a line each."""
    return [block.text for block in blocks(report, section)]


def _part(report: Report, section: Section) -> Part:
    laid = blocks(report, section)
    return Part(section.id, section.title, [block.text for block in laid], blocks=laid,
                flagged_numbers=list(section.flagged_numbers) if section.edited else [])


def _lines(table: Table, link: Linker | None) -> list[Line]:
    lines = [_line(table, row, link) for row in table.rows]
    if table.total is not None:
        lines.append(_line(table, table.total, link, total=True))
    return lines


def _line(table: Table, row: Row, link: Linker | None, *, total: bool = False) -> Line:
    cells = []
    for value, column, written in zip(row.values, table.columns, row_texts(table, row)):
        cell = Cell(written, is_numeric(table), about=f"{row.label}, {column}")
        # Only a whole year's count is the list of cases its filters give
        # ("2021-22", not "2021-22 %" nor "2021-22 upheld or partially upheld").
        countable = table.kind == "count" and is_year(column)
        if link is not None and row.filters and countable and isinstance(value, int) and value:
            cell.href = link(row.filters, column)
        cells.append(cell)
    return Line(row.label, cells, total=total)
