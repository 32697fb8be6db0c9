"""The annual report, built from the records as plain data (complaints.reports.data).

Every figure is one GROUP BY query per year, so the number of queries does not
depend on how many cases there are. What counts in a year:

- a complaint or enquiry counts in the year it was received; its Stage 1
  outcome, response time, team, channel, complainant, themes (its points),
  advocacy and children (monitoring) count with it;
- a Stage 2 or Stage 3 counts in the year it was requested;
- costs by the date incurred, Ombudsman cases by the date of the enquiry,
  members' correspondence and compliments by the date received.

A year with no records for a table uses the figures staff entered for it
(EnteredFigure), and the table says so. The sentences are drafted from the
same (rounded, suppressed) figures the tables show; staff may replace a
section's paragraph, and numbers in it matching no figure are flagged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, IntegerField, Q, Sum, Value, When

from complaints import workdays
from complaints.accounts.models import Team
from complaints.casework.models import (
    RESPONSE_BANDS,
    Case,
    Channel,
    Child,
    Disability,
    Ethnicity,
    Point,
    Religion,
    Stage,
    Theme,
)
from complaints.privacy.models import ErasedMonitoring
from complaints.records.models import (
    DECISION_VOCABULARY,
    OLDER,
    Action,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)
from complaints.years import FinancialYear
from complaints.reports.data import Example, Report, Row, Section, Sentence, Table
from complaints.reports.models import EnteredFigure, SectionText, ServicePopulation

SECTIONS = [
    ("summary", "Executive summary"),
    ("ombudsman", "Ombudsman referrals"),
    ("totals", "Total number of complaints"),
    ("stages", "Stages"),
    ("teams", "Teams"),
    ("themes", "Complaint themes"),
    ("outcomes", "Outcomes and learning"),
    ("response_times", "Response times"),
    ("expenditure", "Expenditure"),
    ("channels", "How complaints were received"),
    ("monitoring", "Monitoring information"),
    ("members", "Members' correspondence"),
    ("compliments", "Compliments"),
    ("actions", "Complaints and compliments action plan"),
]

OUTCOME_ROWS = [
    (Case.Outcome.UPHELD, "Upheld"),
    (Case.Outcome.PARTIALLY_UPHELD, "Partially upheld"),
    (Case.Outcome.NOT_UPHELD, "Not upheld"),
    (Case.Outcome.WITHDRAWN, "Withdrawn"),
    (Case.Outcome.RESOLVED, "Resolved"),
    ("", "Not yet decided"),
]

# How the report groups who complained (the reference report's categories).
COMPLAINANT_GROUPS = {
    "parent": "Parent or family member",
    "family": "Parent or family member",
    "special_guardian": "Parent or family member",
    "young_person": "Young person",
    "advocate": "Advocate",
    "foster_carer": "Foster carer",
    "professional": "Professional",
    "other": "Other",
}

BANDS = [*((band.key, band.label) for band in workdays.stage_one_response_bands()),
         ("open", "Not yet answered")]

UPHELD = [Point.Finding.UPHELD, Point.Finding.PARTIALLY_UPHELD]


def build(year: str | FinancialYear, *, edition: str = "internal") -> Report:
    """The annual report for ``year`` ("2021-22"); ``edition`` "published"
    suppresses small counts, "internal" shows everything."""
    if edition not in ("internal", "published"):
        raise ValueError(f"edition must be 'internal' or 'published', not {edition!r}")
    year = FinancialYear.parse(year) if isinstance(year, str) else year
    builder = _Builder(year, edition)
    return builder.report()


def _pct(part, whole) -> float | None:
    if part is None or not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def change_words(new, old, *, what: str = "") -> str:
    """ "rose by 10.3% from 87" / "fell by 9.2% from 87" / "was unchanged", from
    the figures as shown."""
    if new is None or old is None:
        return "cannot be compared (a figure is suppressed)"
    if new == old:
        return "was unchanged"
    if not old:
        return f"rose from 0 to {_fmt(new)}"
    change = round(abs(float(new) - float(old)) * 100 / float(old), 1)
    direction = "rose" if new > old else "fell"
    return f"{direction} by {_fmt(change)}% from {_fmt(old)}"


def _fmt(value) -> str:
    if value is None:  # suppressed in the published edition: a count from 1 to the setting
        return f"fewer than {settings.REPORT_SUPPRESS_UP_TO + 1}"
    if isinstance(value, Decimal):
        return f"£{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return f"{value:,}" if isinstance(value, int) else str(value)


class _Facts:
    """The grouped counts the case tables are made from, read once for both
    years: a handful of GROUP BY queries, each one pass over the two years'
    rows, grouped by ids (names are mapped afterwards)."""

    def __init__(self, year: FinancialYear):
        previous = year.previous
        self.labels = [str(year), str(previous)]
        span = (previous.starts_on, year.ends_on)

        def fy(field):
            return DbCase(When(**{f"{field}__gte": year.starts_on}, then=Value(0)), default=Value(1),
                          output_field=IntegerField())

        self.cases = defaultdict(int)  # (fy, kind, team_id, channel_id, relationship) -> n
        self.advocacy = defaultdict(lambda: [0, 0, 0])  # fy -> offered, accepted, provided
        for row in (Case.objects.filter(received_on__range=span).order_by()
                    .annotate(fy=fy("received_on"))
                    .values_list("fy", "kind", "team_id", "channel_id", "complainant__relationship")
                    .annotate(n=Count("id"),
                              offered=Count("id", filter=Q(advocacy_offered_on__isnull=False)),
                              accepted=Count("id", filter=Q(advocacy_accepted=True)),
                              provided=Count("id", filter=Q(advocacy_provided=True)))):
            fy_, kind, team, channel, relationship, n, offered, accepted, provided = row
            self.cases[(fy_, kind, team, channel, relationship)] += n
            if kind == Case.Kind.COMPLAINT:
                counts = self.advocacy[fy_]
                counts[0] += offered
                counts[1] += accepted
                counts[2] += provided

        complaint_span = {"case__kind": Case.Kind.COMPLAINT, "case__received_on__range": span}
        band = DbCase(*(When(RESPONSE_BANDS[key], then=Value(key)) for key, _ in BANDS),
                      output_field=CharField())
        # Late by the timescale, but on or before the extended due date.
        late = Q(working_days_taken__gt=workdays.stage_one_response_bands()[0].highest)
        extended = DbCase(When(~Q(extension_reason="") & late & Q(responded_on__lte=F("due_on")),
                               then=Value(1)), default=Value(0), output_field=IntegerField())
        self.stage_one = defaultdict(int)  # (fy, outcome, band, within extension) -> n
        for fy_, outcome, band_, ext, n in (
                Stage.objects.filter(number=1, **complaint_span).order_by()
                .annotate(fy=fy("case__received_on"), band=band, ext=extended)
                .values_list("fy", "outcome", "band", "ext").annotate(n=Count("id"))):
            self.stage_one[(fy_, outcome, band_, ext)] += n

        self.later = defaultdict(int)  # (fy, number, resolved without investigation) -> n
        self.average = {}  # (fy, number) -> average working days
        for fy_, number, resolved, n, total, ended in (
                Stage.objects.filter(started_on__range=span).order_by()
                .annotate(fy=fy("started_on"))
                .values_list("fy", "number", "resolved_without_investigation")
                .annotate(n=Count("id"), total=Sum("working_days_taken"), ended=Count("working_days_taken"))):
            self.later[(fy_, number, resolved)] += n
            days, count = self.average.get((fy_, number), (0, 0))
            self.average[(fy_, number)] = (days + (total or 0), count + ended)

        self.themes = defaultdict(lambda: [0, 0])  # (fy, theme_id) -> points, upheld or partially
        for fy_, theme, n, upheld in (
                Point.objects.filter(**complaint_span).order_by().annotate(fy=fy("case__received_on"))
                .values_list("fy", "theme_id")
                .annotate(n=Count("id"), upheld=Count("id", filter=Q(stage1_finding__in=UPHELD)))):
            self.themes[(fy_, theme)][0] += n
            self.themes[(fy_, theme)][1] += upheld

        self.children = defaultdict(int)  # (fy, age, gender, ethnicity_id, religion_id) -> n
        for fy_, age, gender, ethnicity, religion, n in (
                Child.objects.filter(**complaint_span).order_by().annotate(fy=fy("case__received_on"))
                .values_list("fy", "age_at_receipt", "monitoring__gender", "monitoring__ethnicity_id",
                             "monitoring__religion_id").annotate(n=Count("id"))):
            self.children[(fy_, age, gender, ethnicity, religion)] += n
        self.disabilities = defaultdict(int)  # (fy, disability_id) -> n
        for fy_, disability, n in (
                Child.objects.filter(**complaint_span).order_by().annotate(fy=fy("case__received_on"))
                .values_list("fy", "monitoring__disabilities").annotate(n=Count("id"))):
            self.disabilities[(fy_, disability)] += n
        # Monitoring erased at a person's request still counts in its closed year.
        for tally in (ErasedMonitoring.objects.filter(received_month__range=span)
                      .prefetch_related("disabilities")):
            fy_ = 0 if tally.received_month >= year.starts_on else 1
            self.children[(fy_, tally.age_at_receipt, None, None, None)] -= 1
            self.children[(fy_, tally.age_at_receipt, tally.gender, tally.ethnicity_id, tally.religion_id)] += 1
            disabilities = list(tally.disabilities.all())
            if disabilities:  # the child now counts once under "Not recorded"
                self.disabilities[(fy_, None)] -= 1
            for disability in disabilities:
                self.disabilities[(fy_, disability.pk)] += 1
        for counts in (self.children, self.disabilities):
            for key in [key for key, n in counts.items() if n == 0]:
                del counts[key]

    def index(self, year: FinancialYear) -> int:
        return self.labels.index(str(year))

    def complaints(self, year, by: int) -> dict:
        """Complaints received in ``year`` by one of the case keys (2 team, 3 channel, 4 relationship)."""
        i, counts = self.index(year), defaultdict(int)
        for key, n in self.cases.items():
            if key[0] == i and key[1] == Case.Kind.COMPLAINT:
                counts[key[by]] += n
        return counts

    def count(self, year, kind) -> int:
        i = self.index(year)
        return sum(n for key, n in self.cases.items() if key[0] == i and key[1] == kind)

    def stage_one_by(self, year, position: int) -> dict:
        """Stage 1 of the year's complaints by outcome (1), band (2) or within-extension (3)."""
        i, counts = self.index(year), defaultdict(int)
        for key, n in self.stage_one.items():
            if key[0] == i:
                counts[key[position]] += n
        return counts

    def children_by(self, year, position: int) -> dict:
        i, counts = self.index(year), defaultdict(int)
        for key, n in self.children.items():
            if key[0] == i:
                counts[key[position]] += n
        return counts


class _Builder:
    def __init__(self, year: FinancialYear, edition: str):
        self.year, self.edition = year, edition
        self.years = [year, year.previous]
        self.labels = [str(y) for y in self.years]
        self.tables: list[Table] = []
        self.sentences: list[Sentence] = []
        self.warnings: list[str] = []
        self.figures: dict = {}
        self.entered = self._entered_figures()
        self.facts = _Facts(year)
        self.names = {
            "team": dict(Team.objects.values_list("id", "name")),
            "channel": dict(Channel.objects.values_list("id", "name")),
            "theme": dict(Theme.objects.values_list("id", "name")),
            "ethnicity": dict(Ethnicity.objects.values_list("id", "name")),
            "religion": dict(Religion.objects.values_list("id", "name")),
            "disability": dict(Disability.objects.values_list("id", "name")),
        }

    # -- helpers ----------------------------------------------------------------------

    def _entered_figures(self) -> dict[tuple[str, str], dict[str, Decimal]]:
        years = [str(self.year.previous.previous), *self.labels]
        out: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
        for figure in EnteredFigure.objects.filter(year__in=years):
            out[(figure.year, figure.table_id)][figure.row] = figure.value
        return out

    def _year_filters(self, year: FinancialYear, **extra) -> dict[str, str]:
        return {"year": str(year), **{k: str(v) for k, v in extra.items()}}

    def _counts(self, table_id: str, year: FinancialYear, counts: dict[str, int]) -> tuple[dict, str]:
        """The year's counts by row label, or the entered figures when the records
        have none for this table and year."""
        if any(counts.values()):
            return counts, "records"
        entered = self.entered.get((str(year), table_id))
        if entered:
            return {label: _number(v) for label, v in entered.items()}, "entered"
        return counts, "records"

    def _count_table(self, table_id: str, title: str, section: str, per_year, *, order=None,
                     percentages=False, chart="bar", total=True, filters=None, years=None,
                     kind="count") -> Table:
        """A table of counts by row, year on year. ``per_year(year)`` gives
        {label: count}; ``filters(year, label)`` the drill-down (or None)."""
        years = years or self.years
        by_year, sources = {}, {}
        for year in years:
            counts, source = self._counts(table_id, year, per_year(year))
            by_year[str(year)], sources[str(year)] = counts, source
        labels = list(order or [])
        for counts in by_year.values():
            labels += [label for label in counts if label not in labels]
        if order is None:
            first = by_year[str(years[0])]
            labels.sort(key=lambda label: (-first.get(label, 0), label))
        columns, rows = [], []
        for year in years:
            columns.append(str(year))
            if percentages:
                columns.append(f"{year} %")
        for label in labels:
            values = []
            for year in years:
                count = by_year[str(year)].get(label, 0)
                values.append(count)
                if percentages:
                    values.append(_pct(count, sum(by_year[str(year)].values())))
            row_filters = filters(years[0], label) if filters else {}
            rows.append(Row(label=label, values=values, key=label, filters=row_filters or {}))
        table = Table(id=table_id, title=title, section=section, columns=columns, rows=rows,
                      chart=chart, kind=kind, sources=sources)
        if total:
            values = []
            for year in years:
                values.append(sum(by_year[str(year)].values()))
                if percentages:
                    values.append(100.0 if values[-1] else None)
            table.total = Row(label="Total", values=values, key="total")
        notes = [f"{year} figures were entered by staff from the published report; the product "
                 "holds no records for that year." for year, source in sources.items() if source == "entered"]
        table.notes.extend(notes)
        self.tables.append(table)
        return table

    def say(self, section: str, text: str, *figures) -> None:
        text = text[0].upper() + text[1:]
        self.sentences.append(Sentence(section=section, text=text, figures=list(figures)))

    # -- tables -----------------------------------------------------------------------

    def report(self) -> Report:
        self.ombudsman()
        self.totals()
        self.stages()
        self.teams()
        self.themes()
        self.outcomes()
        self.response_times()
        self.expenditure()
        self.channels()
        self.monitoring()
        self.members()
        self.compliments()
        self.actions()
        if self.edition == "published":
            for table in self.tables:
                suppress(table, settings.REPORT_SUPPRESS_UP_TO)
            # A total paid to few complainants would reveal what one was paid.
            payments = self.table("ombudsman_remedies").row("Payment").values
            paid = self.table("ombudsman_payments")
            for i, count in enumerate(payments):
                if count is None:
                    paid.rows[0].values[i] = None
                    paid.rows[0].notes = ["Suppressed: paid to 1 to "
                                          f"{settings.REPORT_SUPPRESS_UP_TO} complainants."]
        self.check_consistency()
        self.draft_sentences()
        sections = self.sections()
        report = Report(
            year=str(self.year), title=f"Annual complaints and compliments report {self.year}",
            edition=self.edition, sections=sections, tables=self.tables, sentences=self.sentences,
            warnings=self.warnings, figures=self.figures, examples=self.examples,
        )
        return report

    def ombudsman(self):
        years = [self.year, self.year.previous, self.year.previous.previous]
        decided = OmbudsmanCase.objects.filter(
            enquiry_on__range=(years[-1].starts_on, self.year.ends_on))
        used = set(decided.exclude(decision="").values_list("decision", flat=True).distinct())
        vocabulary = [(value, label) for value, label in OmbudsmanCase.Decision.choices
                      if DECISION_VOCABULARY.get(value) == OLDER]
        current = [(value, label) for value, label in OmbudsmanCase.Decision.choices
                   if DECISION_VOCABULARY.get(value) != OLDER]
        order = [label for value, label in vocabulary]
        if used & {value for value, _ in current}:
            order += [label for value, label in current]
        labels = dict(OmbudsmanCase.Decision.choices)

        def per_year(year):
            counts = dict.fromkeys(order, 0)
            for decision, n in (decided.filter(enquiry_on__range=(year.starts_on, year.ends_on))
                                .values_list("decision").annotate(n=Count("id"))):
                counts[labels.get(decision, "Decision awaited")] = n
            return counts

        table = self._count_table("ombudsman", "Ombudsman enquiries and decisions", "ombudsman", per_year,
                                  order=order, years=years, chart="")
        self.figures["ombudsman_enquiries"] = table.total.values[0]
        self.figures["ombudsman_enquiries_previous"] = table.total.values[1]
        remedies = {}
        for year in self.years:
            qs = OmbudsmanCase.objects.filter(enquiry_on__range=(year.starts_on, year.ends_on))
            agg = qs.aggregate(
                apology=Count("id", filter=Q(remedy_apology=True)),
                payment=Count("id", filter=Q(remedy_payment=True)),
                corrective=Count("id", filter=Q(remedy_corrective_action=True)),
                improvement=Count("id", filter=Q(remedy_service_improvement=True)),
                paid=Sum("payment_amount"),
            )
            remedies[str(year)] = agg
        rows = [
            Row("Apology", [remedies[y]["apology"] for y in self.labels], key="apology"),
            Row("Payment", [remedies[y]["payment"] for y in self.labels], key="payment"),
            Row("Corrective action", [remedies[y]["corrective"] for y in self.labels], key="corrective"),
            Row("Service improvement", [remedies[y]["improvement"] for y in self.labels], key="improvement"),
        ]
        self.tables.append(Table(id="ombudsman_remedies", title="Ombudsman remedies", section="ombudsman",
                                 columns=list(self.labels), rows=rows))
        self.tables.append(Table(
            id="ombudsman_payments", title="Ombudsman payments", section="ombudsman", kind="money",
            columns=list(self.labels),
            rows=[Row("Payments to complainants", [remedies[y]["paid"] or Decimal("0") for y in self.labels],
                      key="payments")]))

    def totals(self):
        facts = self.facts

        def per_year(year):
            i = facts.index(year)
            return {
                "Enquiries": facts.count(year, Case.Kind.ENQUIRY),
                "Stage 1": facts.count(year, Case.Kind.COMPLAINT),
                "Stage 1 escalated to Stage 2": facts.later[(i, 2, False)],
                "Stage 3 review panel": facts.later[(i, 3, False)] + facts.later[(i, 3, True)],
            }

        def filters(year, label):
            return {"Enquiries": self._year_filters(year, kind="enquiry"),
                    "Stage 1": self._year_filters(year, kind="complaint"),
                    "Stage 1 escalated to Stage 2": self._year_filters(year, reached_stage=2),
                    "Stage 3 review panel": self._year_filters(year, reached_stage=3)}[label]

        table = self._count_table("totals", "Enquiries and complaints at each stage", "totals", per_year,
                                  order=["Enquiries", "Stage 1", "Stage 1 escalated to Stage 2",
                                         "Stage 3 review panel"], total=False, chart="", filters=filters)
        stage1 = table.row("Stage 1").values
        self.figures["complaints"], self.figures["complaints_previous"] = stage1[0], stage1[1]
        population = ServicePopulation.objects.filter(year=str(self.year)).first()
        if population:
            self.figures["children_receiving_services"] = population.children
            self.figures["percent_of_children_complaining"] = (
                round(stage1[0] * 100 / population.children, 2) if population.children else None)

    def stages(self):
        def per_year(year):
            i = self.facts.index(year)
            return {
                "Stage 2 investigations": self.facts.later[(i, 2, False)],
                "Stage 2 requests resolved without an investigation": self.facts.later[(i, 2, True)],
            }

        self._count_table("stage2", "Stage 2 requests", "stages", per_year, total=False, chart="",
                          order=["Stage 2 investigations", "Stage 2 requests resolved without an investigation"])

    def teams(self):
        def per_year(year):
            return _named(self.facts.complaints(year, 2), self.names["team"], "Team not recorded")

        team_ids = {name: pk for pk, name in self.names["team"].items()}

        def filters(year, label):
            if label in team_ids:
                return self._year_filters(year, kind="complaint", team=team_ids[label])
            return {}

        self._count_table("teams", "Complaints by team", "teams", per_year, filters=filters)

    def themes(self):
        by_year, upheld = {}, {}

        def per_year(year):
            i = self.facts.index(year)
            points = {theme: counts for (fy, theme), counts in self.facts.themes.items() if fy == i}
            by_year[str(year)] = {self.names["theme"][t]: c[0] for t, c in points.items()}
            upheld[str(year)] = {self.names["theme"][t]: c[1] for t, c in points.items()}
            return by_year[str(year)]

        theme_ids = {name: pk for pk, name in self.names["theme"].items()}
        table = self._count_table(
            "themes", "Complaint themes (points of complaint)", "themes", per_year,
            filters=lambda year, label: self._year_filters(year, kind="complaint", theme=theme_ids[label])
            if label in theme_ids else {})
        column = f"{self.year} upheld or partially upheld"
        table.columns.append(column)
        for row in table.rows:
            row.values.append(upheld[str(self.year)].get(row.label, 0))
        if table.total:
            table.total.values.append(sum(upheld[str(self.year)].values()))

    def outcomes(self):
        labels = dict(OUTCOME_ROWS)

        def per_year(year):
            return {labels.get(outcome, outcome): n for outcome, n in self.facts.stage_one_by(year, 1).items()}

        order = [label for _, label in OUTCOME_ROWS]
        table = self._count_table(
            "outcomes", "Outcomes of Stage 1 complaints", "outcomes", per_year, order=order, percentages=True,
            filters=lambda year, label: self._year_filters(
                year, kind="complaint", stage1_outcome=next(v for v, lab in OUTCOME_ROWS if lab == label) or "none"))
        _drop_empty_rows(table, keep=order[:4])

    def response_times(self):
        bands = dict(BANDS)

        def per_year(year):
            counts = self.facts.stage_one_by(year, 2)
            return {label: counts.get(key, 0) for key, label in bands.items()}

        table = self._count_table(
            "response_times", "Stage 1 response times", "response_times", per_year,
            order=[label for _, label in BANDS], percentages=True,
            filters=lambda year, label: self._year_filters(
                year, kind="complaint", response_band=next(k for k, lab in BANDS if lab == label)))
        _drop_empty_rows(table, keep=[label for _, label in BANDS[:3]])
        extension = [self.facts.stage_one_by(year, 3).get(1, 0) for year in self.years]
        self.tables.append(Table(
            id="within_extension", title="Stage 1 responses sent late but within an agreed extension",
            section="response_times", columns=list(self.labels),
            rows=[Row("Within an agreed extension", extension, key="within_extension")]))
        rows = []
        for number in (1, 2, 3):
            values = []
            for year in self.years:
                days, count = self.facts.average.get((self.facts.index(year), number), (0, 0))
                values.append(round(days / count, 1) if count else None)
            rows.append(Row(f"Stage {number}", values, key=f"stage{number}"))
        self.tables.append(Table(id="average_days", title="Average working days to respond, by stage",
                                 section="response_times", columns=list(self.labels), rows=rows,
                                 kind="average"))

    def expenditure(self):
        labels = dict(Cost.Category.choices)

        def per_year(year):
            totals = dict.fromkeys(labels.values(), Decimal("0"))
            for category, amount in (Cost.objects.filter(incurred_on__range=(year.starts_on, year.ends_on))
                                     .values_list("category").annotate(total=Sum("amount"))):
                totals[labels[category]] = amount
            return totals

        self._count_table("expenditure", "Expenditure", "expenditure", per_year, order=list(labels.values()),
                          kind="money", chart="")

    def channels(self):
        channel_ids = {name: pk for pk, name in self.names["channel"].items()}

        def per_year(year):
            return _named(self.facts.complaints(year, 3), self.names["channel"], "Channel not recorded")

        self._count_table(
            "channels", "How complaints were received", "channels", per_year,
            order=list(self.names["channel"].values()),
            filters=lambda year, label: self._year_filters(year, kind="complaint", channel=channel_ids[label])
            if label in channel_ids else {})
        table = self.tables[-1]
        _drop_empty_rows(table, keep=[])

    def monitoring(self):
        order = list(dict.fromkeys(COMPLAINANT_GROUPS.values()))

        def complainants(year):
            counts = dict.fromkeys(order, 0)
            for relationship, n in self.facts.complaints(year, 4).items():
                counts[COMPLAINANT_GROUPS.get(relationship, "Other")] += n
            return counts

        self._count_table("complainants", "Who complained", "monitoring", complainants, order=order, chart="")
        _drop_empty_rows(self.tables[-1], keep=order[:3])

        def advocacy(year):
            offered, accepted, provided = self.facts.advocacy[self.facts.index(year)]
            return {"Advocate offered": offered, "Advocate accepted": accepted, "Advocate provided": provided}

        self._count_table("advocacy", "Advocacy", "monitoring", advocacy, total=False, chart="",
                          order=["Advocate offered", "Advocate accepted", "Advocate provided"])
        self.age_gender()
        for table_id, title, names, counts in [
            ("disability", "Disability of the children concerned", "disability",
             lambda year: {d: n for (fy, d), n in self.facts.disabilities.items() if fy == self.facts.index(year)}),
            ("ethnicity", "Ethnicity of the children concerned", "ethnicity",
             lambda year: self.facts.children_by(year, 3)),
            ("religion", "Religion of the children concerned", "religion",
             lambda year: self.facts.children_by(year, 4)),
        ]:
            def per_year(year, names=names, counts=counts):
                return _named(counts(year), self.names[names], "Not recorded")

            self._count_table(table_id, title, "monitoring", per_year)

    def age_gender(self):
        bands = [_band(text) for text in settings.REPORT_AGE_BANDS]
        genders = [("female", "Female"), ("male", "Male"), ("other", "Other or not known")]
        rows = {label: [] for label, _, _ in bands}
        rows["Age not known"] = []
        columns = []
        counts_by_year = {}
        for year in self.years:
            counts = defaultdict(int)
            i = self.facts.index(year)
            for (fy, age, gender, _ethnicity, _religion), n in self.facts.children.items():
                if fy != i:
                    continue
                band = next((label for label, low, high in bands
                             if age is not None and low <= age and (high is None or age <= high)), "Age not known")
                key = gender if gender in ("female", "male") else "other"
                counts[(band, key)] += n
            counts_by_year[str(year)] = counts
            for key, label in genders:
                columns.append(f"{year} {label}")
        for band in rows:
            for year in self.years:
                for key, _ in genders:
                    rows[band].append(counts_by_year[str(year)][(band, key)])
        table = Table(id="age_gender", title="Age at receipt and gender of the children concerned",
                      section="monitoring", columns=columns,
                      rows=[Row(label, values, key=label) for label, values in rows.items()], chart="bar")
        table.total = Row("Total", [sum(r.values[i] for r in table.rows) for i in range(len(columns))],
                          key="total")
        _drop_empty_rows(table, keep=[label for label, _, _ in bands])
        self.tables.append(table)

    def members(self):
        rows = {"Members' correspondence received": [], "Answered within target": [],
                "% answered within target": []}
        for year in self.years:
            qs = MembersEnquiry.objects.filter(received_on__range=(year.starts_on, year.ends_on))
            agg = qs.aggregate(n=Count("id"), within=Count("id", filter=Q(responded_on__lte=F("due_on"))))
            counts, source = self._counts("members", year, {
                "Members' correspondence received": agg["n"], "Answered within target": agg["within"]})
            received = counts.get("Members' correspondence received", 0)
            within = counts.get("Answered within target", 0)
            rows["Members' correspondence received"].append(received)
            rows["Answered within target"].append(within)
            rows["% answered within target"].append(_pct(within, received))
        self.tables.append(Table(id="members", title="Members' correspondence", section="members",
                                 columns=list(self.labels),
                                 rows=[Row(label, values, key=label) for label, values in rows.items()]))

    def compliments(self):
        def by_team(year):
            return {name or "Team not recorded": n for name, n in
                    Compliment.objects.filter(received_on__range=(year.starts_on, year.ends_on))
                    .values_list("team__name").annotate(n=Count("id"))}

        self._count_table("compliments", "Compliments by team", "compliments", by_team)
        givers = dict(Compliment.GivenBy.choices)

        def by_giver(year):
            counts = dict.fromkeys(givers.values(), 0)
            for given_by, n in (Compliment.objects.filter(received_on__range=(year.starts_on, year.ends_on))
                                .values_list("given_by").annotate(n=Count("id"))):
                counts[givers[given_by]] = n
            return counts

        self._count_table("compliment_givers", "Compliments by who gave them", "compliments", by_giver,
                          order=list(givers.values()), percentages=True)
        published = (Compliment.objects.filter(
            received_on__range=(self.year.starts_on, self.year.ends_on), consent_to_publish=True)
            .select_related("team").order_by("received_on", "id")[:6])
        self.examples = [Example(team=str(c.team or ""), given_by=c.get_given_by_display(),
                                 words=c.published_words()) for c in published]

    def actions(self):
        # The plan a year's report sets out runs into the next year (the reference
        # report's 2021-22 actions start from April to September 2022).
        actions = (Action.objects.filter(starts_on__lte=FinancialYear(self.year.start_year + 1).ends_on)
                   .filter(Q(target_on__isnull=True) | Q(target_on__gte=self.year.starts_on)
                           | ~Q(status__in=Action.CLOSED_STATUSES))
                   .prefetch_related("updates").order_by("number"))
        rows = []
        for action in actions:
            updates = sorted(action.updates.all(), key=lambda u: (u.written_on, u.pk))
            latest = f"{updates[-1].written_on:%-d %B %Y}: {updates[-1].text}" if updates else ""
            target = action.target_text or (f"{action.target_on:%-d %B %Y}" if action.target_on else "")
            rows.append(Row(str(action.number), [action.task, action.owners, f"{action.starts_on:%B %Y}",
                                                 action.intended_outcome, target, action.get_status_display(),
                                                 latest], key=str(action.number)))
        self.tables.append(Table(
            id="actions", title="Complaints and compliments action plan", section="actions", kind="text",
            columns=["Task", "Owner", "Start", "Intended outcome", "Target", "Status", "Latest update"],
            rows=rows))

    # -- consistency and sentences ------------------------------------------------------

    def check_consistency(self):
        """Every place where the tables disagree with each other."""
        stage1 = self.table("totals").row("Stage 1").values
        for table_id in ("outcomes", "response_times", "channels", "complainants", "teams"):
            table = self.table(table_id)
            counts = table.count_columns()
            for column_index, year_label in zip(counts, self.labels):
                total = table.total.values[column_index] if table.total else None
                expected = stage1[self.labels.index(year_label)]
                if total is not None and expected is not None and total != expected:
                    self.warnings.append(
                        f"{table.title}, {year_label}: the rows add up to {total}, but {expected} "
                        f"complaints were received (Stage 1).")

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def draft_sentences(self):
        this, last = self.labels
        totals = self.table("totals")
        stage1 = totals.row("Stage 1").values
        enquiries = totals.row("Enquiries").values
        if None in stage1[:2]:
            self.say("totals", f"{_fmt(stage1[0])} complaints went through Stage 1 in {this} "
                               f"({_fmt(stage1[1])} in {last}).", stage1[0], stage1[1])
        else:
            self.say("totals", f"{_fmt(stage1[0])} complaints went through Stage 1 in {this}; the number "
                               f"{change_words(stage1[0], stage1[1])} in {last}.", stage1[0], stage1[1])
        self.say("totals", f"{_fmt(enquiries[0])} enquiries were received in {this} "
                           f"({_fmt(enquiries[1])} in {last}).", enquiries[0], enquiries[1])
        if "percent_of_children_complaining" in self.figures:
            pct = self.figures["percent_of_children_complaining"]
            self.say("totals", f"{pct:.2f}% of the {self.figures['children_receiving_services']:,} children "
                               f"receiving services made a formal complaint.", pct)
        escalated = totals.row("Stage 1 escalated to Stage 2").values
        not_progressed = self.table("stage2").row("Stage 2 requests resolved without an investigation").values
        stage3 = totals.row("Stage 3 review panel").values
        self.say("stages", f"{_fmt(escalated[0])} complaints were investigated at Stage 2 in {this}, "
                           f"compared with {_fmt(escalated[1])} in {last}.", escalated[0], escalated[1])
        requests = "request" if not_progressed[0] == 1 else "requests"
        self.say("stages", f"A further {_fmt(not_progressed[0])} {requests} for Stage 2 "
                           f"{'was' if not_progressed[0] == 1 else 'were'} resolved through meetings "
                           "without an investigation.", not_progressed[0])
        self.say("stages", f"{_fmt(stage3[0])} complaints went to a Stage 3 review panel "
                           f"({_fmt(stage3[1])} in {last}).", stage3[0], stage3[1])
        outcomes = self.table("outcomes")
        parts = []
        figures = []
        for row in outcomes.rows:
            count, pct = row.values[0], row.values[1]
            parts.append(f"{_fmt(count)} {row.label.lower()}" + (f" ({_fmt(pct)}%)" if pct is not None else ""))
            figures += [count, pct]
        self.say("outcomes", f"Of the {_fmt(outcomes.total.values[0])} Stage 1 complaints received in {this}, "
                             + ", ".join(parts) + ".", outcomes.total.values[0], *figures)
        for row in outcomes.rows[:3]:
            self.say("outcomes", f"Complaints {row.label.lower()}: {_fmt(row.values[0])} in {this}, "
                                 f"{_fmt(row.values[2])} in {last} (the number "
                                 f"{change_words(row.values[0], row.values[2])}).", row.values[0], row.values[2])
        times = self.table("response_times")
        within = times.row(BANDS[0][1]).values
        bands = workdays.stage_one_response_bands()
        self.say("response_times", f"{_fmt(within[0])} Stage 1 complaints ({_fmt(within[1])}%) were answered "
                                   f"{bands[0].phrase} in {this}, compared with {_fmt(within[2])} "
                                   f"({_fmt(within[3])}%) in {last}.", *within)
        over = times.row(BANDS[2][1]).values
        self.say("response_times", f"{_fmt(over[0])} ({_fmt(over[1])}%) took more than {bands[1].highest} "
                                   "working days.",
                 over[0], over[1])
        for table_id, section, noun in [("teams", "teams", "team"), ("themes", "themes", "theme"),
                                        ("channels", "channels", "way of complaining")]:
            table = self.table(table_id)
            if table.rows and table.rows[0].values[0]:
                top = table.rows[0]
                self.say(section, f"The {noun} with the most complaints in {this} was {top.label} "
                                  f"({_fmt(top.values[0])}; {_fmt(top.values[1])} in {last}).",
                         top.values[0], top.values[1])
        money = self.table("expenditure")
        self.say("expenditure", f"Spending on complaints was {_fmt(money.total.values[0])} in {this} and "
                                f"{_fmt(money.total.values[1])} in {last}.", money.total.values[0],
                 money.total.values[1])
        ombudsman = self.table("ombudsman")
        self.say("ombudsman", f"The Ombudsman made {_fmt(ombudsman.total.values[0])} enquiries in {this}, "
                              f"compared with {_fmt(ombudsman.total.values[1])} in {last}.",
                 ombudsman.total.values[0], ombudsman.total.values[1])
        members = self.table("members")
        received = members.row("Members' correspondence received").values
        pct = members.row("% answered within target").values
        self.say("members", f"Members' correspondence {change_words(received[0], received[1])}: "
                            f"{_fmt(received[0])} in {this}; {_fmt(pct[0])}% were answered within target.",
                 received[0], received[1], pct[0])
        compliments = self.table("compliments")
        self.say("compliments", f"{_fmt(compliments.total.values[0])} compliments were recorded in {this}, "
                                f"compared with {_fmt(compliments.total.values[1])} in {last}.",
                 compliments.total.values[0], compliments.total.values[1])
        complainants = self.table("complainants")
        plural = {"Parent or family member": "parents or family members", "Young person": "young people",
                  "Other": "others"}
        parts = [f"{_fmt(r.values[0])} by {plural.get(r.label, r.label.lower() + 's')}"
                 for r in complainants.rows]
        self.say("monitoring", f"Of the {_fmt(complainants.total.values[0])} Stage 1 complaints, "
                               + ", ".join(parts) + ".", complainants.total.values[0],
                 *[r.values[0] for r in complainants.rows])
        self.say("summary", self.sentences[0].text, *self.sentences[0].figures)
        self.say("summary", next(s.text for s in self.sentences if s.section == "outcomes"),
                 *next(s.figures for s in self.sentences if s.section == "outcomes"))

    def sections(self) -> list[Section]:
        edited = {t.section: t for t in SectionText.objects.filter(year=str(self.year))}
        sections = []
        for section_id, title in SECTIONS:
            drafted = " ".join(s.text for s in self.sentences if s.section == section_id)
            section = Section(id=section_id, title=title, paragraph=drafted)
            if section_id in edited:
                section.paragraph, section.edited = edited[section_id].text, True
                section.flagged_numbers = unmatched_numbers(section.paragraph, self.section_figures(section_id))
                for number in section.flagged_numbers:
                    self.warnings.append(f"{title}: the edited paragraph says {number}, which is not a figure "
                                         "of this section.")
            sections.append(section)
        return sections

    def section_figures(self, section_id: str) -> set[str]:
        return figures_of(self.tables, self.sentences, self.figures, section_id)


def figures_of(tables, sentences, figures, section_id: str) -> set[str]:
    """Every figure of a section (the summary: of the whole report), written as
    the report writes numbers: what an edited paragraph may quote."""
    values = []
    for table in tables:
        if table.section == section_id or section_id == "summary":
            for row in [*table.rows, *([table.total] if table.total else [])]:
                values += row.values
    for sentence in sentences:
        if sentence.section == section_id:
            values += sentence.figures
    values += list(figures.values())
    return {_normal(v) for v in values if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)}


def report_figures(report: Report, section_id: str) -> set[str]:
    return figures_of(report.tables, report.sentences, report.figures, section_id)


def unmatched_numbers(text: str, figures: set[str]) -> list[str]:
    """Numbers in ``text`` (not years, like 2021-22) matching no figure."""
    found = []
    for match in re.finditer(r"£?\d[\d,]*(?:\.\d+)?%?", text):
        token = match.group()
        if re.fullmatch(r"(19|20)\d\d", token.rstrip("%")) or re.match(r"(19|20)\d\d-\d\d", text[match.start():]):
            continue
        if text[max(match.start() - 3, 0):match.start()].endswith(("-", "/")) or (
                match.end() < len(text) and text[match.end()] in "-/"):
            continue  # part of a year or date
        number = token.lstrip("£").rstrip("%").replace(",", "")
        if _normal(Decimal(number)) not in figures:
            found.append(token)
    return found


def _normal(value) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f") if number != number.to_integral() else str(int(number))


def _number(value: Decimal):
    return int(value) if value == value.to_integral() else value


def _named(counts: dict, names: dict, missing: str) -> dict[str, int]:
    """Counts by id, as counts by name (None: ``missing``)."""
    out = defaultdict(int)
    for key, n in counts.items():
        out[names.get(key, missing) if key is not None else missing] += n
    return dict(out)


def _band(text: str) -> tuple[str, int, int | None]:
    text = text.strip()
    if text.endswith("+"):
        return text, int(text[:-1]), None
    low, high = text.split("-")
    return text, int(low), int(high)


def _drop_empty_rows(table: Table, keep) -> None:
    """Leave out rows that are empty in every year, except those in ``keep``."""
    table.rows = [row for row in table.rows
                  if row.label in keep or any(v for i, v in enumerate(row.values) if i in table.count_columns())]


def suppress(table: Table, up_to: int) -> None:
    """The published edition: counts from 1 to ``up_to`` become None with a
    note, and where a column's total is shown and exactly one cell of it is
    suppressed, the next smallest is suppressed too, so no suppressed count can
    be worked out from the total. Percentages follow their counts."""
    if table.kind != "count" or up_to <= 0:
        return
    counts = table.count_columns()
    note = f"Suppressed: a count from 1 to {up_to}, or one that would reveal one."
    for i in counts:
        column = [row.values[i] for row in table.rows]
        hidden = [j for j, v in enumerate(column) if isinstance(v, int) and 1 <= v <= up_to]
        total = table.total.values[i] if table.total else None
        if table.total is not None and isinstance(total, int) and 1 <= total <= up_to:
            table.total.values[i] = None
            hidden = [j for j, v in enumerate(column) if isinstance(v, int) and v >= 1]
        elif table.total is not None and len(hidden) == 1:
            others = sorted((v, j) for j, v in enumerate(column) if isinstance(v, int) and v >= 1 and j not in hidden)
            if others:
                hidden.append(others[0][1])
        for j in hidden:
            row = table.rows[j]
            row.values[i] = None
            if i + 1 < len(table.columns) and table.columns[i + 1].endswith("%"):
                row.values[i + 1] = None
            if note not in row.notes:
                row.notes.append(note)
    if any(None in row.values for row in table.rows):
        table.notes.append(note)



def suppress_quarters(quarters: dict[str, list[int]], up_to: int, *, total: str | None = None,
                      suppressed_in_year: set[str] = frozenset()) -> set[tuple[str, int]]:
    """The published edition of the quarterly report: which quarters' counts
    are suppressed, as (row label, quarter index 0 to 3), so that no quarter
    and no sum of quarters reveals a count the annual published edition
    suppresses, nor a suppressed quarter itself.

    ``quarters`` holds each row's counts for the year's four quarters (the
    row ``total``, if given, is the sum of the others); ``suppressed_in_year``
    names the rows whose count for the year the annual published edition
    suppresses. The rules, applied until nothing changes:

    - a row suppressed for the year (a year's count from 1 to ``up_to``, or
      one the annual edition suppresses) is suppressed in every quarter, and
      so is each row of a table whose year total is suppressed;
    - a quarter's count from 1 to ``up_to`` is suppressed;
    - where a row's year figure is shown and only one of its quarters is
      suppressed, the next smallest quarter is suppressed too (the year
      minus the other three would give it back);
    - the same down each quarter's column against its total; a suppressed
      total is never the sum of the counts shown above it;
    - where the year's total is shown and only one row's year count is
      suppressed, the next smallest is suppressed too, as ``suppress`` does.
    """
    if up_to <= 0:
        return set()
    rows = [label for label in quarters if label != total]
    year = {label: sum(values) for label, values in quarters.items()}
    in_year = set(suppressed_in_year) | {label for label, n in year.items() if 1 <= n <= up_to}
    hidden = {(label, q) for label, values in quarters.items() for q, n in enumerate(values) if 1 <= n <= up_to}

    def smallest(cells):
        """The cell to suppress besides: the smallest count, a count of 0 only if no other."""
        return min(cells, key=lambda cell: (cell[2] == 0, cell[2], cell[0]), default=None)

    changed = True
    while changed:
        before = (len(in_year), len(hidden))
        if total is not None and total in in_year:
            in_year.update(label for label in rows if year[label])
        if total is not None and total not in in_year and len(in_year & set(rows)) == 1:
            if pick := smallest([(i, label, year[label]) for i, label in enumerate(rows)
                                 if label not in in_year and year[label]]):
                in_year.add(pick[1])
        for label, values in quarters.items():
            if label in in_year:
                hidden.update((label, q) for q in range(4))
            elif sum((label, q) in hidden for q in range(4)) == 1:
                if pick := smallest([(q, label, n) for q, n in enumerate(values) if (label, q) not in hidden]):
                    hidden.add((pick[1], pick[0]))
        if total is not None:
            for q in range(4):
                shown = [(i, label, quarters[label][q]) for i, label in enumerate(rows) if (label, q) not in hidden]
                suppressed = len(rows) - len(shown)
                if (total, q) in hidden and suppressed == 0 or (total, q) not in hidden and suppressed == 1:
                    if pick := smallest(shown):
                        hidden.add((pick[1], q))
        changed = (len(in_year), len(hidden)) != before
    return hidden
