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
from django.db.models import Count, F, Q, Sum

from complaints import workdays
from complaints.accounts.models import Team
from complaints.casework.models import (
    Case,
    Channel,
    Disability,
    Ethnicity,
    Learning,
    Religion,
    Remedy,
    Stage,
    Theme,
)
from complaints.records.models import (
    DECISION_VOCABULARY,
    OLDER,
    Action,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)
from complaints.reports.data import Example, Report, Row, Section, Sentence, Table
from complaints.reports.facts import BANDS, UPHELD, Facts  # noqa: F401 (UPHELD: for callers)
from complaints.reports.models import EnteredFigure, ReportDetails, SectionText, ServicePopulation
from complaints.reports import claims, richtext, sentences
from complaints.reports.suppression import is_suppressed, rule_text, suppress, suppress_quarters  # noqa: F401
from complaints.reports.wording import _fmt, _pct, change_words  # noqa: F401
from complaints.years import FinancialYear

SECTIONS = [
    ("summary", "Executive summary"),
    ("introduction", "Introduction"),
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
    ("conclusion", "Conclusion and recommendations"),
    ("actions", "Complaints and compliments action plan"),
]
# Sections whose staff text follows the drafted one, and those staff alone write.
ADDED_TO = {"introduction"}
STAFF_ONLY = {"conclusion"}

OUTCOME_ROWS = [
    (Case.Outcome.UPHELD, "Upheld"),
    (Case.Outcome.PARTIALLY_UPHELD, "Partially upheld"),
    (Case.Outcome.NOT_UPHELD, "Not upheld"),
    (Case.Outcome.WITHDRAWN, "Withdrawn"),
    (Case.Outcome.RESOLVED, "Resolved"),
    ("", "Not yet decided"),
]
STILL_OPEN = "Still open at the end of the year"
UPHELD_OUTCOMES = [Case.Outcome.UPHELD, Case.Outcome.PARTIALLY_UPHELD]

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

def build(year: str | FinancialYear, *, edition: str = "internal") -> Report:
    """The annual report for ``year`` ("2021-22"); ``edition`` "published"
    suppresses small counts, "internal" shows everything."""
    if edition not in ("internal", "published"):
        raise ValueError(f"edition must be 'internal' or 'published', not {edition!r}")
    year = FinancialYear.parse(year) if isinstance(year, str) else year
    builder = _Builder(year, edition)
    return builder.report()


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
        self.facts = Facts(year)
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
                if is_suppressed(table.id):
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
            period=f"{self.year.starts_on:%B %Y} to {self.year.ends_on:%B %Y}",
            edition_rule=rule_text({t.id: t.title for t in self.tables}) if self.edition == "published" else "",
        )
        details = ReportDetails.objects.filter(year=str(self.year)).first()
        if details:
            report.prepared_for, report.prepared_by = details.prepared_for, details.prepared_by
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
        self.stage_two_outcomes()

    def stage_two_outcomes(self):
        """What became of the Stage 2 investigations requested in the year, as at
        the year's end: an outcome once answered (or closed), else still open."""
        order = [label for value, label in OUTCOME_ROWS if value] + [STILL_OPEN]

        def per_year(year):
            end = year.ends_on
            ended = Q(responded_on__lte=end) | Q(responded_on=None, closed_on__lte=end)
            agg = (Stage.objects.filter(number=2, resolved_without_investigation=False,
                                        started_on__range=(year.starts_on, end))
                   .aggregate(n=Count("id"), **{value: Count("id", filter=ended & Q(outcome=value))
                                                for value, _ in OUTCOME_ROWS if value}))
            counts = {label: agg[value] for value, label in OUTCOME_ROWS if value}
            counts[STILL_OPEN] = agg["n"] - sum(counts.values())
            return counts

        table = self._count_table("stage2_outcomes", "Outcomes of the Stage 2 investigations requested",
                                  "stages", per_year, order=order, chart="")
        _drop_empty_rows(table, keep=order[:3] + [STILL_OPEN])

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
        self.remedies()
        self.learning()

    def remedies(self):
        """The remedies given at Stage 1 for the year's complaints upheld or partially upheld."""
        kinds = dict(Remedy.Kind.choices)

        def per_year(year):
            counts = dict.fromkeys(kinds.values(), 0)
            for kind, n in (Remedy.objects.filter(
                    stage_number=1, case__kind=Case.Kind.COMPLAINT,
                    case__received_on__range=(year.starts_on, year.ends_on),
                    case__stages__number=1, case__stages__outcome__in=UPHELD_OUTCOMES)
                    .order_by().values_list("kind").annotate(n=Count("id"))):
                counts[kinds[kind]] = n
            return counts

        self._count_table("remedies", "Remedies for Stage 1 complaints upheld or partially upheld", "outcomes",
                          per_year, order=list(kinds.values()), total=False, chart="")

    def learning(self):
        """Learning recorded in the year, by the team of the case it came from."""
        def per_year(year):
            return {team or "Team not recorded": n for team, n in (
                Learning.objects.filter(recorded_on__range=(year.starts_on, year.ends_on)).order_by()
                .values_list("case__team__name").annotate(n=Count("id")))}

        self._count_table("learning", "Learning recorded, by team", "outcomes", per_year, chart="")

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
        published = (Compliment.objects.publishable()
                     .filter(received_on__range=(self.year.starts_on, self.year.ends_on))
                     .select_related("team").order_by("received_on", "id")[:6])
        self.examples = [Example(team=str(c.team or ""), given_by=c.get_given_by_display(),
                                 words=c.published_text) for c in published]

    def actions(self):
        # The plan a year's report sets out: the actions started from the year's
        # start to the end of the next year (the reference report's 2021-22
        # actions start from April to September 2022), so each year's report
        # shows its own plan, not every earlier one.
        actions = (Action.objects.filter(starts_on__range=(self.year.starts_on,
                                                           FinancialYear(self.year.start_year + 1).ends_on))
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
        sentences.draft(self)

    def sections(self) -> list[Section]:
        """The sections in reading order. Staff text replaces a section's drafted
        paragraph, follows the Introduction's, or is the Conclusion; text whose
        numbers do not check is held back (the drafted paragraph is printed) and
        each problem is a warning, so it blocks publishing."""
        edited = {t.section: t for t in SectionText.objects.filter(year=str(self.year))}
        sections = []
        for section_id, title in SECTIONS:
            drafted = drafted_text(self, section_id)
            section = Section(id=section_id, title=title, paragraph=drafted)
            if section_id in edited:
                text = edited[section_id].text
                problems = claims.check(richtext.plain(text), tables=self.tables,
                                        figures=self.section_figures(section_id), section_id=section_id,
                                        years=self.labels)
                section.edited = True
                section.flagged_numbers = [token for token, _ in problems]
                section.problems = [problem for _, problem in problems]
                for token, problem in problems:
                    self.warnings.append(f"{title}: the edited paragraph says {token}: {problem}")
                if not problems:
                    section.paragraph = f"{drafted}\n\n{text}" if section_id in ADDED_TO else text
            if section.paragraph or section_id not in STAFF_ONLY:
                sections.append(section)
        return sections

    def section_figures(self, section_id: str) -> set[str]:
        return figures_of(self.tables, self.sentences, self.figures, section_id)


def drafted_text(report: Report, section_id: str) -> str:
    """A section's drafted text, as the builder wrote it."""
    joiner = "\n\n" if section_id == "introduction" else " "
    return joiner.join(s.text for s in report.sentences if s.section == section_id)


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


_normal = claims.normal


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
