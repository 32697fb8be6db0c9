"""The quarterly report for senior managers, as plain data (complaints.reports.data).

A quarter is three months of the reporting year (Q1 starts the year). What
counts in it: complaints received in it (their Stage 1 outcome, timeliness and
themes), stages requested in it (by team), and, as of the quarter's last day
(or today, if sooner), the open and overdue cases and the overdue actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count

from complaints import workdays
from complaints.casework.models import RESPONSE_BANDS, Case, Child, Point, Stage
from complaints.casework.services import today as today_
from complaints.records.models import Action
from complaints.reports import annual as annual_report
from complaints.reports.annual import BANDS, OUTCOME_ROWS, _fmt, _pct, suppress, suppress_quarters
from complaints.reports.data import Report, Row, Section, Sentence, Table
from complaints.reports.suppression import is_suppressed
from complaints.reports.models import PopulationByEthnicity
from complaints.years import FinancialYear

# "within 10 working days": the first response-time band, in a sentence.
BAND_PHRASE = workdays.stage_one_response_bands()[0].phrase


QUARTER_SECTIONS = [
    ("stages", "Complaints by stage and team"),
    ("open", "Open and overdue cases"),
    ("themes", "Themes"),
    ("outcomes", "Outcomes"),
    ("timeliness", "Stage 1 timeliness"),
    ("actions", "Overdue actions"),
    ("disproportionality", "Disproportionality"),
]


@dataclass(frozen=True)
class Quarter:
    year: FinancialYear
    number: int  # 1 to 4

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """ "2021-22 Q3" (or "2021-22-Q3")."""
        year, _, quarter = text.replace("-Q", " Q").rpartition(" Q")
        if quarter not in {"1", "2", "3", "4"}:
            raise ValueError(f"{text!r} is not a quarter like 2021-22 Q3")
        return cls(FinancialYear.parse(year), int(quarter))

    @property
    def starts_on(self) -> date:
        start = self.year.starts_on
        month = start.month - 1 + 3 * (self.number - 1)
        return date(start.year + month // 12, month % 12 + 1, 1)

    @property
    def ends_on(self) -> date:
        if self.number == 4:
            return self.year.ends_on
        return Quarter(self.year, self.number + 1).starts_on - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year} Q{self.number}"


def _tallies(quarter: Quarter) -> dict[str, dict[str, list[int]]]:
    """The quarter's counts that add up over the year, as table id -> row
    label -> counts (one a column; the row "Total" too). Four queries."""
    span = (quarter.starts_on, quarter.ends_on)
    complaints = Case.objects.filter(kind=Case.Kind.COMPLAINT, received_on__range=span)
    by_team = {}
    for team, number, n in (Stage.objects.filter(started_on__range=span)
                            .values_list("case__team__name", "number").annotate(n=Count("id"))):
        by_team.setdefault(team or "Team not recorded", [0, 0, 0])[number - 1] += n
    themes = {name: [n] for name, n in (Point.objects.filter(case__in=complaints).values_list("theme__name")
                                        .annotate(n=Count("id")).order_by("-n", "theme__name"))}
    outcome_counts = dict(Stage.objects.filter(number=1, case__in=complaints).values_list("outcome")
                          .annotate(n=Count("id")))
    outcomes = {name: [outcome_counts.get(value, 0)] for value, name in OUTCOME_ROWS
                if value in outcome_counts or value in {"upheld", "partial", "not_upheld", "withdrawn"}}
    agg = Stage.objects.filter(number=1, case__in=complaints).aggregate(
        **{key: Count("id", filter=RESPONSE_BANDS[key]) for key, _ in BANDS})
    total = [sum(outcome_counts.values())]
    tallies = {
        "stages_by_team": {**by_team, TOTAL: [sum(v[i] for v in by_team.values()) for i in range(3)]},
        "themes": themes,
        "outcomes": {**outcomes, TOTAL: total},
        "timeliness": {**{name: [agg[key]] for key, name in BANDS}, TOTAL: total},
    }
    return tallies


TOTAL = "Total"

# Which annual tables (complaints.reports.annual) the quarters of each table
# and column add up to, and the rows there: (annual table id, row label or
# None for the same label as the quarter's row, or "total").
IN_THE_YEAR = {
    ("stages_by_team", 0): ("teams", None),
    ("stages_by_team", 1): ("stage2", "total"),
    ("stages_by_team", 2): ("totals", "Stage 3 review panel"),
    ("themes", 0): ("themes", None),
    ("outcomes", 0): ("outcomes", None),
    ("timeliness", 0): ("response_times", None),
}


def _published(quarter: Quarter, tallies: dict) -> dict[str, dict[str, list]]:
    """The quarter's tallies with the counts the published edition suppresses
    as None (complaints.reports.annual.suppress_quarters), and every row any
    quarter of the year has, so a row never disappears from one quarter."""
    year = [tallies if n == quarter.number else _tallies(Quarter(quarter.year, n)) for n in (1, 2, 3, 4)]
    annual = annual_report.build(quarter.year, edition="published")
    up_to = settings.REPORT_SUPPRESS_UP_TO
    out = {}
    for table_id, rows in tallies.items():
        if not is_suppressed(table_id):  # the policy: by default, tables about people only
            out[table_id] = rows
            continue
        labels = list(dict.fromkeys(label for q in year for label in q[table_id] if label != TOTAL))
        labels += [TOTAL] if TOTAL in rows else []
        columns = {"stages_by_team": 3}.get(table_id, 1)
        shown = {label: list(rows.get(label, [0] * columns)) for label in labels}
        for column in range(columns):
            counts = {label: [q[table_id].get(label, [0] * columns)[column] for q in year] for label in labels}
            hidden = suppress_quarters(counts, up_to, total=TOTAL if TOTAL in counts else None,
                                       suppressed_in_year=_suppressed_in_year(annual, table_id, column, labels))
            for label, q in hidden:
                if q == quarter.number - 1:
                    shown[label][column] = None
        out[table_id] = shown
    return out


def _suppressed_in_year(annual, table_id: str, column: int, labels: list[str]) -> set[str]:
    """The rows of a quarterly table whose count for the year the annual
    published edition suppresses."""
    if (table_id, column) not in IN_THE_YEAR:
        return set()
    annual_id, row = IN_THE_YEAR[(table_id, column)]
    table = annual.table(annual_id)
    year_column = table.columns.index(annual.year)
    if row == "total":  # the column's total adds up every row of the annual table
        return {TOTAL} if any(r.values[year_column] is None for r in table.rows) else set()
    if row is not None:
        return {TOTAL} if table.row(row).values[year_column] is None else set()
    suppressed = {r.label for r in table.rows if r.values[year_column] is None}
    if table.total is not None and table.total.values[year_column] is None:
        suppressed.add(TOTAL)
    return suppressed & set(labels)


def build(quarter: str | Quarter, *, today: date | None = None, edition: str = "internal") -> Report:
    """The quarterly report; ``edition`` "published" suppresses counts as
    the annual published edition does, and so that the four quarters cannot
    give back what the annual report suppresses."""
    if edition not in ("internal", "published"):
        raise ValueError(f"edition must be 'internal' or 'published', not {edition!r}")
    quarter = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
    as_of = min(quarter.ends_on, today or today_())
    span = (quarter.starts_on, quarter.ends_on)
    complaints = Case.objects.filter(kind=Case.Kind.COMPLAINT, received_on__range=span)
    tables, sentences = [], []
    label = str(quarter)
    tallies = _tallies(quarter)
    if edition == "published":
        tallies = _published(quarter, tallies)

    # Stages requested in the quarter, by team.
    by_team = tallies["stages_by_team"]
    rows = [Row(team, values, key=team) for team, values in
            sorted(((t, v) for t, v in by_team.items() if t != TOTAL), key=lambda kv: -sum(n or 0 for n in kv[1]))]
    tables.append(Table(id="stages_by_team", title="Stages started in the quarter, by team", section="stages",
                        columns=["Stage 1", "Stage 2", "Stage 3"], rows=rows,
                        total=Row("Total", by_team[TOTAL], key="total")))

    # Open and overdue, as of the quarter's end (casework's counting rules: a deferred
    # stage is not overdue).
    complaints_stages = Stage.objects.filter(case__kind=Case.Kind.COMPLAINT)
    counts = {f"open{n}": 0 for n in (1, 2, 3)} | {f"late{n}": 0 for n in (1, 2, 3)}
    for what, stages in (("open", complaints_stages.open_on(as_of)), ("late", complaints_stages.overdue_on(as_of))):
        for number, n in stages.order_by().values_list("number").annotate(n=Count("id")):
            counts[f"{what}{number}"] = n
    tables.append(Table(
        id="open_cases", title=f"Open and overdue stages on {as_of:%-d %B %Y}", section="open",
        columns=["Open", "Overdue"],
        rows=[Row(f"Stage {n}", [counts[f"open{n}"], counts[f"late{n}"]], key=f"stage{n}") for n in (1, 2, 3)]))

    # Themes and outcomes of the quarter's complaints.
    tables.append(Table(id="themes", title="Themes (points of complaint)", section="themes", columns=[label],
                        rows=[Row(name, n, key=name) for name, n in tallies["themes"].items() if name != TOTAL],
                        chart="bar"))
    total = tallies["outcomes"][TOTAL][0]
    rows = [Row(name, [n, _pct(n, total)], key=name) for name, (n,) in tallies["outcomes"].items() if name != TOTAL]
    tables.append(Table(id="outcomes", title="Stage 1 outcomes", section="outcomes",
                        columns=[label, f"{label} %"], rows=rows,
                        total=Row("Total", [total, 100.0 if total else None], key="total")))

    # Stage 1 timeliness.
    values = [tallies["timeliness"][name][0] for _, name in BANDS]
    rows = [Row(name, [n, _pct(n, total)], key=key) for (key, name), n in zip(BANDS, values)]
    tables.append(Table(id="timeliness", title="Stage 1 response times", section="timeliness",
                        columns=[label, f"{label} %"], rows=rows,
                        total=Row("Total", [total, 100.0 if total else None], key="total")))
    if None in values[:3]:
        sentences.append(Sentence("timeliness", f"{_fmt(values[0])} Stage 1 complaints were answered "
                                                f"{BAND_PHRASE} (some figures are suppressed).", [values[0]]))
    else:
        answered = sum(values[:3])
        sentences.append(Sentence("timeliness", f"{values[0]} of the {answered} Stage 1 complaints answered "
                                                f"({_pct(values[0], answered) or 0:.1f}%) were answered "
                                                f"{BAND_PHRASE}.", [values[0], answered]))

    # Overdue actions.
    overdue = Action.objects.overdue(as_of).order_by("target_on", "number")
    tables.append(Table(
        id="overdue_actions", title="Overdue actions in the action plan", section="actions", kind="text",
        columns=["Task", "Owner", "Target", "Status"],
        rows=[Row(str(a.number), [a.task, a.owners, f"{a.target_on:%-d %B %Y}", a.get_status_display()],
                  key=str(a.number)) for a in overdue]))

    # Disproportionality: the share of complaints' children by ethnicity against the
    # share of children receiving services, when staff entered that breakdown.
    population = dict(PopulationByEthnicity.objects.filter(year=str(quarter.year))
                      .values_list("ethnicity__name", "children"))
    # Published, the shares would give back the small counts behind them.
    if population and edition == "internal":
        children = dict(Child.objects.filter(case__in=complaints).values_list("monitoring__ethnicity__name")
                        .annotate(n=Count("id")))
        complained, served = sum(children.values()), sum(population.values())
        rows = []
        for name in sorted(set(population) | {n for n in children if n}):
            share = _pct(children.get(name, 0), complained)
            base = _pct(population.get(name, 0), served)
            ratio = round(share / base, 2) if share is not None and base else None
            rows.append(Row(name, [share, base, ratio], key=name))
        tables.append(Table(
            id="disproportionality", title="Complaints by ethnicity against children receiving services",
            section="disproportionality", kind="ratio",
            columns=[f"{label} complaints %", f"{quarter.year} children receiving services %", "Ratio"],
            rows=rows, notes=["A ratio above 1 means children of that ethnicity are over-represented "
                              "in complaints compared with the children the service works with."]))
    sections = [Section(id, title, paragraph=" ".join(s.text for s in sentences if s.section == id))
                for id, title in QUARTER_SECTIONS]
    if edition == "published" and is_suppressed("open_cases"):
        suppress(tables[1], settings.REPORT_SUPPRESS_UP_TO)  # open and overdue: a count on a day
    return Report(year=label, title=f"Quarterly complaints report {label}", edition=edition,
                  sections=sections, tables=tables, sentences=sentences,
                  figures={"as_of": as_of.isoformat()})
