"""Bar charts of a report's tables: each table whose ``chart`` is "bar", its
count columns year on year, as SVG (for web pages) and PNG (for Word and PDF),
with a text alternative that says every value.

Readable in greyscale and without colour: each year has its own grey and its
own hatching, every bar carries its value, and the legend names the years. A
suppressed count (None) has no bar, only "[c]" where its bar would start, and
the note saying why under the chart.

Drawing goes through matplotlib's object API (no pyplot, no global figure),
on one Figure reused for every chart of a report: about 0.1 s a chart.
"""

import base64
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from complaints.reports.data import Report, Row, Table
from complaints.reports.render.values import MISSING, SUPPRESSED, listing, missing, text

# One look a column, most recent year first: the darkest grey, plain; the
# others lighter, each with a hatching of its own, so no two columns differ
# only by shade. Line hatchings only: a dotted one makes a large SVG.
LOOKS = [
    ("#383f43", ""),
    ("#b1b4b6", "////"),
    ("#ffffff", "xxx"),
    ("#6f777b", "\\\\"),
    ("#dee0e2", "---"),
    ("#ffffff", "|||"),
    ("#b1b4b6", "++"),
    ("#ffffff", ""),
]
INK = "#0b0c0c"
WIDTH_INCHES = 6.3  # A4's width inside 2 cm margins, less a little
PNG_DPI = 150
LABEL_WIDTH = 30  # characters a category label may take before it wraps
NOTE_WIDTH = 100  # characters a note under the chart may take before it wraps
BAR_INCHES = 0.16  # a bar's thickness: room for its value label

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
    "font.size": 10,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.7,
    "hatch.color": INK,
    # Text stays text in the SVG: smaller, selectable, and read by browsers' own fonts.
    "svg.fonttype": "none",
    "svg.hashsalt": "complaints-report",  # the same chart gives the same SVG
}


@dataclass
class Chart:
    """One table's chart. ``alt`` is its text alternative; ``notes`` what the
    chart itself prints under the bars (why a value is missing)."""

    table_id: str
    title: str
    alt: str
    notes: list[str] = field(default_factory=list)
    svg: str = ""
    png: bytes = b""

    @property
    def svg_data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()

    @property
    def png_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


def charts(report: Report, formats: tuple[str, ...] = ("svg", "png")) -> dict[str, Chart]:
    """Every chart of ``report``, by table id, drawn in ``formats`` ("svg", "png").
    A table with no rows has no chart."""
    figure = Figure()
    FigureCanvasAgg(figure)
    with matplotlib.rc_context(STYLE):
        return {
            table.id: draw(table, formats, figure=figure)
            for table in report.tables
            if table.chart == "bar" and table.rows
        }


def draw(table: Table, formats: tuple[str, ...] = ("svg", "png"), *, figure=None) -> Chart:
    """The chart of one table; ``figure`` is reused (cleared) when given."""
    chart = Chart(table.id, table.title, alt_text(table), notes=chart_notes(table))
    if not formats:
        return chart
    if figure is None:
        figure = Figure()
        FigureCanvasAgg(figure)
    with matplotlib.rc_context(STYLE):
        _plot(figure, table, chart.notes)
        for fmt in formats:
            out = BytesIO()
            if fmt == "svg":
                figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
                chart.svg = out.getvalue().decode()
            elif fmt == "png":
                figure.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
                chart.png = out.getvalue()
            else:
                raise ValueError(f"No chart format {fmt!r}")
    return chart


def alt_text(table: Table) -> str:
    """What the chart shows, in words: "Bar chart of complaints by team,
    2021-22 and 2020-21: Intervention and Support Service 33 and 26; …"."""
    columns = table.count_columns()
    years = [table.columns[i] for i in columns]
    values = "; ".join(
        f"{row.label} {listing([_spoken(row, i, table) for i in columns])}" for row in table.rows
    )
    title = table.title[:1].lower() + table.title[1:] if table.title[1:2].islower() else table.title
    return f"Bar chart of {title}, {listing(years)}: {values}."


def chart_notes(table: Table) -> list[str]:
    """Why values are missing from the chart: one line per note, naming its rows."""
    columns = table.count_columns()
    by_note: dict[tuple[str, str], list[str]] = {}
    for row in table.rows:
        symbols = {missing(table, row, table.columns[i]) for i in columns if row.values[i] is None}
        for symbol in sorted(symbols):
            for note in row.notes or ["No figure" if symbol == MISSING else "Suppressed"]:
                by_note.setdefault((symbol, note), []).append(row.label)
    return [f"{symbol} {note} ({', '.join(labels)})" for (symbol, note), labels in by_note.items()]


def _spoken(row: Row, index: int, table: Table) -> str:
    value, column = row.values[index], table.columns[index]
    if value is None:
        return "suppressed" if missing(table, row, column) == SUPPRESSED else "no figure"
    return text(value, table, column, row)


def _plot(figure: Figure, table: Table, notes: list[str]) -> None:
    notes = [line for note in notes for line in textwrap.wrap(note, NOTE_WIDTH)]
    columns = table.count_columns()
    rows = table.rows
    groups, years = len(rows), max(len(columns), 1)
    label_lines = [textwrap.wrap(row.label, LABEL_WIDTH) or [""] for row in rows]
    # Heights in inches: a bar is tall enough for its value label, a group for its label.
    group = max(years * BAR_INCHES + 0.14, max(map(len, label_lines)) * 0.18 + 0.08)
    bar = BAR_INCHES / group  # in the axes' units, where a group is 1
    names = [table.columns[i] for i in columns]
    legend_columns = min(years, 3 if max(map(len, names), default=0) <= 14 else 2)
    legend_rows = -(-years // legend_columns)
    top, bottom = 0.16 + 0.24 * legend_rows, 0.12 + 0.17 * len(notes)
    height = top + groups * group + bottom

    figure.clear()
    figure.set_size_inches(WIDTH_INCHES, height)
    axes = figure.add_subplot()
    longest = max((len(line) for lines in label_lines for line in lines), default=0)
    left = min(0.5, 0.03 + longest * 0.075 / WIDTH_INCHES)
    figure.subplots_adjust(left=left, right=0.97, top=1 - top / height, bottom=bottom / height)

    biggest = 0.0
    for j, index in enumerate(columns):
        face, hatch = LOOKS[j % len(LOOKS)]
        values = [row.values[index] for row in rows]
        widths = [float(v) if isinstance(v, int | float | Decimal) else 0.0 for v in values]
        biggest = max([biggest, *widths])
        bars = axes.barh(
            [i + j * bar for i in range(groups)], widths, height=bar, color=face, hatch=hatch,
            edgecolor=INK, linewidth=0.6, label=table.columns[index],
        )
        labels = [
            text(v, table, table.columns[index], row) for v, row in zip(values, rows)
        ]
        axes.bar_label(bars, labels=labels, padding=3, fontsize=9)

    axes.set_ylim(groups - 0.5 + (years - 1) * bar / 2, -0.5 + (years - 1) * bar / 2)
    axes.set_yticks(
        [i + (years - 1) * bar / 2 for i in range(groups)], ["\n".join(lines) for lines in label_lines]
    )
    axes.tick_params(axis="y", length=0)
    axes.set_xlim(0, biggest * 1.18 if biggest else 1)
    axes.xaxis.set_visible(False)  # every bar says its value
    axes.spines["bottom"].set_visible(False)
    figure.legend(
        loc="upper left", bbox_to_anchor=(0.01, 1 - 0.06 / height), ncols=legend_columns,
        frameon=False, handlelength=2.2, handleheight=1.1, borderaxespad=0, columnspacing=1.5,
    )
    for n, note in enumerate(notes):
        figure.text(0.01, (0.06 + 0.17 * (len(notes) - 1 - n)) / height, note, fontsize=8)
