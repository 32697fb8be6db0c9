"""The quarterly report for senior managers, as plain data (complaints.reports.data).

A quarter is three months of the reporting year (Q1 starts the year). What
counts in it: complaints received in it (their Stage 1 outcome, timeliness and
themes), stages requested in it (by team), and, as of the quarter's last day
(or today, if sooner), the open and overdue cases and the overdue actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from complaints.casework.models import RESPONSE_BANDS, Case, Child, Point, Stage
from complaints.casework.services import today as today_
from complaints.records.models import Action
from complaints.reports.annual import BANDS, OUTCOME_ROWS, _pct
from complaints.reports.data import Report, Row, Section, Sentence, Table
from complaints.reports.models import PopulationByEthnicity
from complaints.years import FinancialYear


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


def build(quarter: str | Quarter, *, today: date | None = None) -> Report:
    quarter = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
    as_of = min(quarter.ends_on, today or today_())
    span = (quarter.starts_on, quarter.ends_on)
    complaints = Case.objects.filter(kind=Case.Kind.COMPLAINT, received_on__range=span)
    tables, sentences = [], []
    label = str(quarter)

    # Stages requested in the quarter, by team.
    by_team = {}
    for team, number, n in (Stage.objects.filter(started_on__range=span)
                            .values_list("case__team__name", "number").annotate(n=Count("id"))):
        by_team.setdefault(team or "Team not recorded", [0, 0, 0])[number - 1] += n
    rows = [Row(team, values, key=team) for team, values in sorted(by_team.items(), key=lambda kv: -sum(kv[1]))]
    tables.append(Table(id="stages_by_team", title="Stages started in the quarter, by team", section="stages",
                        columns=["Stage 1", "Stage 2", "Stage 3"], rows=rows,
                        total=Row("Total", [sum(r.values[i] for r in rows) for i in range(3)], key="total")))

    # Open and overdue, as of the quarter's end.
    open_stages = Stage.objects.filter(
        started_on__lte=as_of, case__kind=Case.Kind.COMPLAINT).filter(
        Q(responded_on=None) | Q(responded_on__gt=as_of)).filter(Q(closed_on=None) | Q(closed_on__gt=as_of))
    counts = open_stages.aggregate(
        **{f"open{n}": Count("id", filter=Q(number=n)) for n in (1, 2, 3)},
        **{f"late{n}": Count("id", filter=Q(number=n, due_on__lt=as_of)) for n in (1, 2, 3)})
    tables.append(Table(
        id="open_cases", title=f"Open and overdue stages on {as_of:%-d %B %Y}", section="open",
        columns=["Open", "Overdue"],
        rows=[Row(f"Stage {n}", [counts[f"open{n}"], counts[f"late{n}"]], key=f"stage{n}") for n in (1, 2, 3)]))

    # Themes and outcomes of the quarter's complaints.
    themes = (Point.objects.filter(case__in=complaints).values_list("theme__name")
              .annotate(n=Count("id")).order_by("-n", "theme__name"))
    tables.append(Table(id="themes", title="Themes (points of complaint)", section="themes", columns=[label],
                        rows=[Row(name, [n], key=name) for name, n in themes], chart="bar"))
    outcome_counts = dict(Stage.objects.filter(number=1, case__in=complaints).values_list("outcome")
                          .annotate(n=Count("id")))
    total = sum(outcome_counts.values())
    rows = [Row(name, [outcome_counts.get(value, 0), _pct(outcome_counts.get(value, 0), total)], key=name)
            for value, name in OUTCOME_ROWS if value in outcome_counts or value in {"upheld", "partial",
                                                                                      "not_upheld", "withdrawn"}]
    tables.append(Table(id="outcomes", title="Stage 1 outcomes", section="outcomes",
                        columns=[label, f"{label} %"], rows=rows,
                        total=Row("Total", [total, 100.0 if total else None], key="total")))

    # Stage 1 timeliness.
    agg = Stage.objects.filter(number=1, case__in=complaints).aggregate(
        **{key: Count("id", filter=RESPONSE_BANDS[key]) for key, _ in BANDS})
    values = [agg[key] for key, _ in BANDS]
    rows = [Row(name, [n, _pct(n, total)], key=key) for (key, name), n in zip(BANDS, values)]
    tables.append(Table(id="timeliness", title="Stage 1 response times", section="timeliness",
                        columns=[label, f"{label} %"], rows=rows,
                        total=Row("Total", [total, 100.0 if total else None], key="total")))
    answered = sum(values[:3])
    sentences.append(Sentence("timeliness", f"{values[0]} of the {answered} Stage 1 complaints answered "
                                            f"({_pct(values[0], answered) or 0:.1f}%) were answered within 10 "
                                            "working days.", [values[0], answered]))

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
    if population:
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
    return Report(year=label, title=f"Quarterly complaints report {label}", edition="internal",
                  sections=sections, tables=tables, sentences=sentences,
                  figures={"as_of": as_of.isoformat()})
