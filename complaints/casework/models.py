"""The case record: cases, their stages and points, the people involved.

Rules that change a case live in complaints.casework.services; the rules that
read one (open, overdue, due soon) live on the querysets here.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from complaints import workdays
from complaints.accounts.models import Team


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


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Case.Status.OPEN)

    def closed(self):
        return self.filter(status=Case.Status.CLOSED)

    def overdue(self, today: date):
        """Open cases with a stage or acknowledgement past its due date. Served by stage_open_due."""
        return self.open().filter(
            _open_stage_where(Q(due_on__lt=today) | Q(acknowledge_due_on__lt=today, acknowledged_on=None))
        )

    def due_between(self, start: date, end: date):
        return self.open().filter(
            _open_stage_where(
                Q(due_on__range=(start, end))
                | Q(acknowledge_due_on__range=(start, end), acknowledged_on=None)
            )
        )


def _open_stage_where(condition: Q):
    """EXISTS (an unanswered stage of this case matching ``condition``)."""
    return models.Exists(
        Stage.objects.filter(condition, case=models.OuterRef("pk"), responded_on=None)
    )


class Case(models.Model):
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
    desired_outcome = models.TextField("What the complainant would like to happen", blank=True)
    restricted = models.BooleanField(default=False)
    legal_hold = models.BooleanField(default=False)
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

    class Meta:
        verbose_name_plural = "children"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["name"], name="child_name"),
            models.Index(fields=["person_id"], name="child_person_id"),
        ]

    def __str__(self):
        return self.name

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


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


class Stage(models.Model):
    """One stage of a complaint's procedure, with its stored due dates.

    A due date is stored with the explanation of how it was computed
    (complaints.workdays.DueDate.as_dict), and recomputed for open stages when
    the calendar changes.
    """

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
    extension_told_on = models.DateField(
        "Date the complainant was told of the extension", null=True, blank=True
    )

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
        ]

    def __str__(self):
        return f"{self.case.reference} Stage {self.number}"

    def due_date_explained(self) -> str:
        return _explained(self.due_explanation)

    def acknowledgement_explained(self) -> str:
        return _explained(self.acknowledge_due_explanation)

    def is_overdue(self, today: date) -> bool:
        return self.responded_on is None and self.due_on < today


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
