"""The grouped counts the annual report's case tables are made from
(complaints.reports.annual): a handful of GROUP BY queries over the year
and the year before, grouped by ids (names are mapped afterwards)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, IntegerField, Q, Sum, Value, When

from complaints import workdays
from complaints.casework.models import RESPONSE_BANDS, Case, Child, Point, Stage
from complaints.privacy.models import ErasedMonitoring
from complaints.years import FinancialYear

BANDS = [*((band.key, band.label) for band in workdays.stage_one_response_bands()),
         ("open", "Not yet answered")]

UPHELD = [Point.Finding.UPHELD, Point.Finding.PARTIALLY_UPHELD]


class Facts:
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


