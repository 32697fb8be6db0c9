"""The case record: cases, their stages and points, the people involved.

Rules that change a case live in complaints.casework.services; the rules that
read one (open, overdue, due soon) live on the querysets here.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Least

from complaints import workdays
from complaints.accounts.models import Team


def age_on(date_of_birth: date | None, day: date) -> int | None:
    """Age in whole years on ``day`` (None if the date of birth is not known)."""
    if date_of_birth is None:
        return None
    born = date_of_birth
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class ReferenceItem(models.Model):
    """A council-editable list entry. ``code`` is stored by reports and imports
    and never changes; ``name`` is the label people see and may."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Theme(ReferenceItem):
    """What a point of complaint is about (the annual report's themes table)."""


class Channel(ReferenceItem):
    """How a representation reached the council."""


class Ethnicity(ReferenceItem):
    """DfE children in need census ethnicity codes."""

    code = models.CharField(max_length=4, unique=True)


class Disability(ReferenceItem):
    """DfE children in need census disability codes (several may apply)."""

    code = models.CharField(max_length=4, unique=True)


class Religion(ReferenceItem):
    """ONS 2021 census religion categories."""


class HolidayOverride(models.Model):
    """A correction an administrator makes to the working-day calendar.

    Saving or deleting one moves the due dates of open stages:
    complaints.casework.services.recompute_open_due_dates.
    """

    class Kind(models.TextChoices):
        ADDED = "added", "Bank holiday added"
        REMOVED = "removed", "Not a bank holiday"
        CLOSURE = "closure", "Local closure day (corporate procedure only)"

    day = models.DateField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=100, help_text="For example, State Funeral of Queen Elizabeth II")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%-d %B %Y}: {self.name} ({self.get_kind_display()})"


class ReferenceCounter(models.Model):
    """The last number given to a reference of one prefix and year (COM-2022-0041: COM,
    2022, 41): complaints.casework.references.take_reference counts on from it."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="one_counter_per_prefix_and_year")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Case.Status.OPEN)

    def closed(self):
        return self.filter(status=Case.Status.CLOSED)

    def overdue(self, today: date):
        """Open cases with a stage or acknowledgement past its due date, unless
        consideration is deferred (the clock is paused). Served by stage_open_due."""
        return self.open().filter(deferred_since=None).filter(
            _open_stage_where(Q(due_on__lt=today) | Q(acknowledge_due_on__lt=today, acknowledged_on=None))
        )

    def due_between(self, start: date, end: date):
        return self.open().filter(deferred_since=None).filter(
            _open_stage_where(
                Q(due_on__range=(start, end))
                | Q(acknowledge_due_on__range=(start, end), acknowledged_on=None)
            )
        )


def _taken_within(band: workdays.Band) -> Q:
    bounds = {"working_days_taken__gte": band.lowest, "working_days_taken__lte": band.highest}
    return Q(**{name: days for name, days in bounds.items() if days is not None})


# Stage 1 response-time bands, by the working days a stage took, from the timescales
# (workdays.stage_one_response_bands): the reports' table, the case list's drill-down and
# the quarterly report all count these.
RESPONSE_BANDS = {
    **{band.key: _taken_within(band) for band in workdays.stage_one_response_bands()},
    "open": Q(working_days_taken=None),
}


def with_next_due(cases):
    """Annotate each case with its earliest unsent acknowledgement and response due
    dates among its open stages, and the earlier of the two (``next_due_on``).
    No extra query."""
    open_stages = Stage.objects.filter(
        case=models.OuterRef("pk"), responded_on=None, closed_on=None).values("case")
    ack = models.Subquery(
        open_stages.filter(acknowledged_on=None).annotate(first=models.Min("acknowledge_due_on")).values("first")
    )
    response = models.Subquery(open_stages.annotate(first=models.Min("due_on")).values("first"))
    return cases.select_related("channel", "team", "officer", "complainant").annotate(
        ack_due_on=ack,
        response_due_on=response,
        # LEAST treats NULL differently in SQLite and PostgreSQL; COALESCE makes both agree.
        next_due_on=Least(Coalesce(ack, response), Coalesce(response, ack)),
    )


def _open_stage_where(condition: Q):
    """EXISTS (an unanswered stage of this case matching ``condition``)."""
    return models.Exists(
        Stage.objects.filter(condition, case=models.OuterRef("pk"), responded_on=None, closed_on=None)
    )


class Eligibility(models.TextChoices):
    """Who may use the statutory procedure (s26(3) Children Act 1989, reg 4)."""

    CHILD = "child", "The child or young person"
    PARENT = "parent", "A parent or person with parental responsibility"
    FOSTER_CARER = "foster_carer", "A local authority foster carer"
    CARE_LEAVER = "care_leaver", "A care leaver"
    SPECIAL_GUARDIANSHIP = "special_guardianship", (
        "A special guardian, or a child subject to a special guardianship order"
    )
    SG_SUPPORT = "sg_support", "Someone seeking special guardianship support"
    ADOPTION = "adoption", "A party to an adoption"
    SUFFICIENT_INTEREST = "sufficient_interest", (
        "Someone the council decided has sufficient interest in the child's welfare"
    )
    NOT_ELIGIBLE = "not_eligible", "None of these"


class ChildAgrees(models.TextChoices):
    YES = "yes", "Yes, the child agrees"
    NO = "no", "No, the child does not agree"
    NOT_ABLE = "not_able", "The child is not able to say (for example, too young)"


class Case(models.Model):
    Eligibility = Eligibility
    ChildAgrees = ChildAgrees

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        ENQUIRY = "enquiry", "Enquiry"

    class Procedure(models.TextChoices):
        STATUTORY = "statutory", "Statutory (Children Act 1989)"
        CORPORATE = "corporate", "Corporate"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTIALLY_UPHELD = "partial", "Partially upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        WITHDRAWN = "withdrawn", "Withdrawn"
        RESOLVED = "resolved", "Resolved"

    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    procedure = models.CharField(max_length=10, choices=Procedure.choices, blank=True)
    procedure_reason = models.TextField(blank=True)
    received_on = models.DateField()
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="allocated_cases",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    current_stage = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    summary = models.TextField("What happened")
    resolution = models.TextField(
        "How it was resolved", blank=True,
        help_text="For an enquiry, or a complaint resolved without a response (for example at a meeting)",
    )
    desired_outcome = models.TextField("What the complainant would like to happen", blank=True)
    # Routing: who may complain, about what, and in time (regs 8-9, s26 Children Act 1989).
    eligibility = models.CharField(
        "Who is complaining", max_length=24, choices=Eligibility.choices, blank=True
    )
    sufficient_interest_on = models.DateField(
        "Date the council decided they have sufficient interest", null=True, blank=True
    )
    child_agrees = models.CharField(
        "Whether the child agrees to the complaint being made for them", max_length=12,
        choices=ChildAgrees.choices, blank=True,
    )
    qualifying_function = models.BooleanField(
        "About a function covered by the statutory procedure", null=True, blank=True
    )
    aware_on = models.DateField(
        "When the complainant became aware of the matter", null=True, blank=True
    )
    time_limit_discretion = models.TextField(
        "Why a complaint made after a year is considered", blank=True
    )
    routed_on = models.DateField("Date the procedure was decided", null=True, blank=True)
    # Set while consideration is deferred (reg 8): every clock on the case is paused.
    deferred_since = models.DateField(null=True, blank=True)
    # Advocacy (s26A Children Act 1989): the annual report counts it.
    advocacy_offered_on = models.DateField("Date an advocate was offered", null=True, blank=True)
    advocacy_accepted = models.BooleanField("Advocate accepted", null=True, blank=True)
    advocacy_provided = models.BooleanField("Advocate provided", default=False)
    advocacy_provider = models.CharField("Advocacy provider", max_length=200, blank=True)
    # A restricted case (for example, about a staff member's family) is seen only
    # by the people named on it and administrators: complaints.accounts.access.
    restricted = models.BooleanField(default=False)
    restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="restricted_cases",
        verbose_name="People who may see it",
    )
    restriction_reason = models.TextField(blank=True)
    # Retention (complaints.privacy): a legal hold keeps the case past its date.
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = models.TextField(blank=True)
    # Set when everything identifying was destroyed; the statistics remain.
    destroyed_at = models.DateTimeField(null=True, blank=True)
    # Raised by every save through services, so a second officer's stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="case_closed_after_received",
            ),
            models.CheckConstraint(
                condition=~Q(kind="complaint") | ~Q(procedure=""),
                name="case_complaint_has_procedure",
            ),
            models.CheckConstraint(
                condition=Q(current_stage__lte=3), name="case_stage_at_most_three"
            ),
        ]
        indexes = [
            # The case list's default order and the report's year filter.
            models.Index(fields=["-received_on", "-id"], name="case_received"),
            # My work: an officer's open cases.
            models.Index(fields=["officer", "status"], name="case_officer_status"),
            models.Index(fields=["team", "status"], name="case_team_status"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class Complainant(models.Model):
    class Relationship(models.TextChoices):
        PARENT = "parent", "Parent or person with parental responsibility"
        FOSTER_CARER = "foster_carer", "Foster carer"
        SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
        YOUNG_PERSON = "young_person", "Young person"
        ADVOCATE = "advocate", "Advocate"
        PROFESSIONAL = "professional", "Professional"
        OTHER_FAMILY = "family", "Other family member"
        OTHER = "other", "Other"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="complainant")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    support_needs = models.TextField(
        "Help needed", blank=True, help_text="For example, an interpreter or an advocate"
    )

    class Meta:
        indexes = [models.Index(fields=["name"], name="complainant_name")]

    def __str__(self):
        return self.name


class Child(models.Model):
    """A child a case is about; every child in the family unit may be listed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    person_id = models.CharField(
        "Case-management system person ID", max_length=40, blank=True
    )
    # Kept when the date of birth is destroyed: the reports' age bands count it.
    age_at_receipt = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "children"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["name"], name="child_name"),
            models.Index(fields=["person_id"], name="child_person_id"),
        ]

    def __str__(self):
        return self.name


class Monitoring(models.Model):
    """Equality monitoring for one child: for monitoring only, never for
    decisions about the child (DPA 2018 Sch 1 para 8). Kept out of
    case-handling pages; seen only with Action.VIEW_EQUALITY_DATA."""

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Another gender"
        NOT_KNOWN = "not_known", "Not known"
        PREFER_NOT = "prefer_not", "Prefer not to say"

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="monitoring")
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    ethnicity = models.ForeignKey(Ethnicity, on_delete=models.PROTECT, null=True, blank=True)
    disabilities = models.ManyToManyField(Disability, blank=True)
    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name_plural = "monitoring"


class ExtensionKind(models.TextChoices):
    COMPLEX = "complex", "The complaint is complex"
    ADVOCATE = "advocate", "To arrange an advocate"
    OTHER = "other", "Another reason"


class StageQuerySet(models.QuerySet):
    """The report's counting rules about stages, in the domain's words."""

    def open_on(self, day: date):
        """Stages started by ``day`` and neither answered nor closed by the end of it."""
        return self.filter(started_on__lte=day).filter(
            Q(responded_on=None) | Q(responded_on__gt=day)).filter(Q(closed_on=None) | Q(closed_on__gt=day))

    def overdue_on(self, day: date):
        """Open on ``day`` and past their due date, unless consideration was deferred
        that day: the clock is paused while it is (reg 8), so nothing deferred is late."""
        deferred = Deferral.objects.filter(
            case=models.OuterRef("case"), stage_number=models.OuterRef("number"), started_on__lte=day,
        ).filter(Q(ended_on=None) | Q(ended_on__gt=day))
        return self.open_on(day).filter(due_on__lt=day).exclude(models.Exists(deferred))


class Stage(models.Model):
    """One stage of a complaint's procedure, with its stored due dates.

    A due date is stored with the explanation of how it was computed
    (complaints.workdays.DueDate.as_dict), and recomputed for open stages when
    the calendar changes.
    """

    objects = StageQuerySet.as_manager()

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    started_on = models.DateField(help_text="Receipt for Stage 1; the request for Stages 2 and 3")
    acknowledge_due_on = models.DateField(null=True, blank=True)
    acknowledge_due_explanation = models.JSONField(default=dict, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    acknowledged_by = models.CharField(
        "How it was acknowledged", max_length=10, blank=True,
        choices=[("letter", "Letter"), ("email", "Email"), ("phone", "Telephone")],
    )
    due_on = models.DateField()
    due_explanation = models.JSONField(default=dict)
    responded_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    extension_kind = models.CharField(
        "Why it was extended", max_length=10, choices=ExtensionKind.choices, blank=True
    )
    extension_told_on = models.DateField(
        "Date the complainant was told of the extension", null=True, blank=True
    )
    # Working days the response's timescale was extended by (procedure.extend): the due
    # date is worked out from this and the other columns; the explanation only says how.
    extension_days = models.PositiveSmallIntegerField(default=0)
    # Working days added to the response while consideration was deferred.
    paused_days = models.PositiveSmallIntegerField(default=0)
    # Working days from the day the timescale counts from to the day the stage
    # ended (answered, withdrawn or resolved), less any days paused; fixed when
    # it ends, so a published report never changes. The reports' response bands.
    working_days_taken = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Case.Outcome.choices, blank=True)
    closed_on = models.DateField(
        "Date the stage ended without a response (withdrawn or resolved)", null=True, blank=True
    )
    late_request_decision = models.TextField(
        "Why a late request was accepted", blank=True,
        help_text="Needed when the request came after the deadline to ask",
    )
    # Stage 2: a request resolved by a meeting without an investigation is counted.
    resolved_without_investigation = models.BooleanField(default=False)
    investigating_officer = models.CharField(max_length=200, blank=True)
    investigator_kind = models.CharField(
        "Investigating officer is", max_length=10, blank=True,
        choices=[("internal", "Internal (not involved in the case)"), ("external", "External")],
    )
    independent_person = models.ForeignKey(
        "Appointee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adjudicator = models.CharField("Adjudicating officer", max_length=200, blank=True)
    statement_agreed_on = models.DateField(
        "Date the complaint statement was agreed", null=True, blank=True
    )
    # Stage 3: the panel meets within 30 WD, reports within 5, the council responds within 15.
    panel_due_on = models.DateField(null=True, blank=True)
    panel_due_explanation = models.JSONField(default=dict, blank=True)
    panel_on = models.DateField("Date the panel met", null=True, blank=True)
    report_due_on = models.DateField(null=True, blank=True)
    report_due_explanation = models.JSONField(default=dict, blank=True)
    report_on = models.DateField("Date of the panel's report", null=True, blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="stage_one_per_number"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=3), name="stage_number_1_to_3"),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(responded_on__gte=F("started_on")),
                name="stage_responded_after_started",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_on__isnull=True) | Q(acknowledged_on__gte=F("started_on")),
                name="stage_acknowledged_after_started",
            ),
        ]
        indexes = [
            # The overdue and due-soon queries on My work and the case list.
            models.Index(fields=["due_on"], name="stage_open_due", condition=Q(responded_on=None)),
            # The reports: stages started in a year.
            models.Index(fields=["number", "started_on"], name="stage_number_started"),
        ]

    def __str__(self):
        return f"{self.case.reference} Stage {self.number}"

    def due_date_explained(self) -> str:
        return _explained(self.due_explanation)

    def panel_due_explained(self) -> str:
        return _explained(self.panel_due_explanation)

    def report_due_explained(self) -> str:
        return _explained(self.report_due_explanation)

    @property
    def is_open(self) -> bool:
        return self.responded_on is None and self.closed_on is None

    @property
    def response_label(self) -> str:
        """What ``due_on`` is the date for, once the stage reaches it."""
        if self.number == 3:
            return "Council's response to the panel"
        return "Response"

    def acknowledgement_explained(self) -> str:
        return _explained(self.acknowledge_due_explanation)


class Appointee(models.Model):
    """An independent person, external investigator or review panel member.

    Someone who is a member or officer of the council, or the spouse or civil
    partner of one, may not act as an independent person (reg 2, reg 17) or
    sit on a review panel.
    """

    name = models.CharField(max_length=200, unique=True)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    council_member = models.BooleanField("Is a member of the council", default=False)
    council_officer = models.BooleanField("Is an officer of the council", default=False)
    partner_of_member_or_officer = models.BooleanField(
        "Is the spouse or civil partner of a council member or officer", default=False
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def not_independent_because(self) -> str:
        """Why this person cannot be independent, or "" if they can."""
        if self.council_member:
            return "a member of the council"
        if self.council_officer:
            return "an officer of the council"
        if self.partner_of_member_or_officer:
            return "the spouse or civil partner of a council member or officer"
        return ""


class PanelMember(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="panel")
    appointee = models.ForeignKey(Appointee, on_delete=models.PROTECT, related_name="panels")
    chair = models.BooleanField(default=False)

    class Meta:
        ordering = ["-chair", "appointee__name"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "appointee"], name="panel_member_once"),
            models.UniqueConstraint(fields=["stage"], condition=Q(chair=True), name="panel_one_chair"),
        ]

    def __str__(self):
        return f"{self.appointee}{' (chair)' if self.chair else ''}"


class Deferral(models.Model):
    """Consideration deferred while proceedings could be prejudiced (reg 8).

    The clock is paused from ``started_on`` until ``ended_on``; the working days
    paused are added to the open stage's due date when it resumes.
    """

    class Proceedings(models.TextChoices):
        COURT = "court", "Court proceedings"
        TRIBUNAL = "tribunal", "Tribunal proceedings"
        DISCIPLINARY = "disciplinary", "Disciplinary proceedings"
        CRIMINAL = "criminal", "Criminal proceedings"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deferrals")
    stage_number = models.PositiveSmallIntegerField()
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    proceedings = models.CharField(max_length=12, choices=Proceedings.choices)
    reason = models.TextField()
    paused_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["case", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on=None), name="deferral_one_open_per_case"
            ),
        ]


class Remedy(models.Model):
    """What the council did to put things right, at a stage."""

    class Kind(models.TextChoices):
        APOLOGY = "apology", "Apology"
        EXPLANATION = "explanation", "Explanation or further information"
        FINANCIAL = "financial", "Financial payment or adjustment"
        TRAINING = "training", "Training identified"
        PROCEDURE = "procedure", "Change to procedure or records"
        SERVICE = "service", "Service improvement"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    stage_number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = models.DecimalField("Amount (£)", max_digits=10, decimal_places=2, null=True, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "stage_number", "id"]
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="financial", amount__gt=0) | (~Q(kind="financial") & Q(amount=None)),
                name="remedy_amount_only_for_financial",
            ),
        ]

    def __str__(self):
        amount = f" £{self.amount:,.2f}" if self.amount is not None else ""
        return f"{self.get_kind_display()}{amount}"


class Learning(models.Model):
    """What the service learned from a complaint, at a stage; actions in the
    action plan link back to the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="learning")
    stage_number = models.PositiveSmallIntegerField()
    text = models.TextField()
    recorded_on = models.DateField()

    class Meta:
        ordering = ["case", "stage_number", "id"]
        verbose_name_plural = "learning"

    def __str__(self):
        return self.text


def _explained(stored: dict) -> str:
    """The words for a stored DueDate (complaints.workdays.DueDate.as_dict)."""
    return workdays.DueDate.from_dict(stored).text() if stored else ""


class Point(models.Model):
    """One point of complaint, its theme, and its finding at each stage it reaches."""

    class Finding(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTIALLY_UPHELD = "partial", "Partially upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    summary = models.TextField()
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="points")
    stage1_finding = models.CharField(max_length=12, choices=Finding.choices, blank=True)
    stage2_finding = models.CharField(max_length=12, choices=Finding.choices, blank=True)
    stage3_finding = models.CharField(max_length=12, choices=Finding.choices, blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="point_one_per_number"),
        ]

    def __str__(self):
        return f"{self.case.reference} point {self.number}"


class TimelineEntry(models.Model):
    """What happened to a case, in words for the people handling it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    text = models.TextField()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "timeline entries"

    def __str__(self):
        return self.text
