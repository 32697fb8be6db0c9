"""Records the annual report needs besides the cases themselves: expenditure,
the Ombudsman's enquiries and decisions, members' correspondence, compliments
and the action plan.

Rules that change these records live in complaints.records.services.
"""

import re
from datetime import date

from django.db import models
from django.db.models import F, Max, Q

from complaints import workdays
from complaints.accounts.models import Team
from complaints.casework.models import Case, Point
from complaints.years import FinancialYear


class DatedQuerySet(models.QuerySet):
    """Records dated by the field ``dated_by``, so that a year can be chosen."""

    dated_by = ""

    def in_year(self, year: FinancialYear):
        """The records dated in the financial ``year`` (April to March)."""
        return self.filter(**{f"{self.dated_by}__range": (year.starts_on, year.ends_on)})


class CostQuerySet(DatedQuerySet):
    dated_by = "incurred_on"


class Cost(models.Model):
    """Money spent on complaints work: the report's expenditure table
    (publicity, independent investigators and persons, panels, payments)."""

    class Category(models.TextChoices):
        PUBLICITY = "publicity", "Publicity and leaflets"
        INVESTIGATORS = "investigators", "Independent investigators"
        INDEPENDENT_PERSONS = "ind_persons", "Independent persons"
        REVIEW_PANEL = "panel", "Review panel"
        PAYMENTS = "payments", "Payments to complainants"

    category = models.CharField(max_length=20, choices=Category.choices)
    amount = models.DecimalField("Amount (£)", max_digits=10, decimal_places=2)
    incurred_on = models.DateField("Date incurred")
    supplier_or_invoice = models.CharField(
        "Supplier or invoice number", max_length=200, blank=True
    )
    description = models.TextField(blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="costs"
    )

    objects = CostQuerySet.as_manager()

    class Meta:
        ordering = ["-incurred_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cost_amount_positive"),
        ]
        indexes = [
            # The annual report's expenditure table: a year's costs by category.
            models.Index(fields=["incurred_on", "category"], name="cost_incurred_category"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: £{self.amount:,.2f} on {self.incurred_on:%-d %B %Y}"


OLDER = "older"
CURRENT = "current"


class OmbudsmanCaseQuerySet(DatedQuerySet):
    dated_by = "enquiry_on"

    def compliance_overdue(self, today: date):
        """Remedies not done by the date the Ombudsman set (see is_compliance_overdue)."""
        return self.filter(complied_on=None, compliance_due_on__lt=today)


class OmbudsmanCase(models.Model):
    """An enquiry by the Local Government and Social Care Ombudsman about one
    of the council's cases, its decision, remedies and the council's compliance.

    Decisions are recorded in the Ombudsman's older wording or its current
    wording, whichever it used; both are reportable (DECISION_VOCABULARY).
    """

    class Decision(models.TextChoices):
        # Older LGSCO categories, as in the reference report.
        MALADMIN_NO_INJUSTICE = "maladmin", "Maladministration (no injustice)"
        MALADMIN_INJUSTICE = "maladmin_inj", "Maladministration and injustice"
        NO_MALADMIN = "no_maladmin", "No maladministration after investigation"
        DISCRETION = "discretion", "Ombudsman discretion"
        LOCAL_SETTLEMENT = "local_settle", "Investigation with local settlement"
        OUTSIDE_JURISDICTION = "outside_jur", "Outside jurisdiction"
        DISCONTINUED = "discontinued", "Investigation discontinued"
        PREMATURE = "premature", "Premature or informal enquiry"
        CLOSED_NO_ACTION = "closed_nfa", "Closed after initial enquiries – no further action"
        # Current LGSCO decisions, as in its annual letters.
        UPHELD = "upheld", "Upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        CLOSED_INITIAL = "closed_initial", "Closed after initial enquiries"
        NOT_FOR_US = "not_for_us", "Not for us"
        ASSESSED_CLOSED = "assessed_closed", "Assessed and closed"

    reference = models.CharField("LGSCO reference", max_length=30, unique=True)
    enquiry_on = models.DateField("Enquiry received")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="ombudsman_cases"
    )
    decision_on = models.DateField("Decision date", null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    fault_found = models.BooleanField(null=True, blank=True)
    injustice_found = models.BooleanField(null=True, blank=True)
    # One field per remedy, so the report can count each with a plain aggregate.
    remedy_apology = models.BooleanField("Apology", default=False)
    remedy_payment = models.BooleanField("Payment", default=False)
    remedy_corrective_action = models.BooleanField("Corrective action", default=False)
    remedy_service_improvement = models.BooleanField("Service improvement", default=False)
    payment_amount = models.DecimalField(
        "Payment (£)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    compliance_due_on = models.DateField("Remedy due by", null=True, blank=True)
    complied_on = models.DateField("Remedy completed", null=True, blank=True)

    objects = OmbudsmanCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "Ombudsman case"
        ordering = ["-enquiry_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True) | Q(decision_on__gte=F("enquiry_on")),
                name="ombudsman_decision_after_enquiry",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision_on__isnull=False),
                name="ombudsman_decision_has_date",
            ),
            models.CheckConstraint(
                condition=Q(payment_amount__isnull=True) | Q(payment_amount__gte=0),
                name="ombudsman_payment_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(payment_amount__isnull=True) | Q(remedy_payment=True),
                name="ombudsman_payment_amount_needs_payment",
            ),
            models.CheckConstraint(
                condition=Q(complied_on__isnull=True) | Q(complied_on__gte=F("enquiry_on")),
                name="ombudsman_complied_after_enquiry",
            ),
        ]
        indexes = [
            # The annual report counts a year's decisions by decision.
            models.Index(fields=["decision_on", "decision"], name="ombudsman_decided"),
        ]

    def __str__(self):
        return self.reference

    @property
    def vocabulary(self) -> str:
        """OLDER or CURRENT: which LGSCO wording the decision uses ("" if none yet)."""
        return DECISION_VOCABULARY.get(self.decision, "")

    def remedies(self) -> list[str]:
        """The remedies agreed, in words."""
        return [
            self._meta.get_field(name).verbose_name
            for name in REMEDY_FIELDS
            if getattr(self, name)
        ]

    def is_compliance_overdue(self, today: date) -> bool:
        return (
            self.compliance_due_on is not None
            and self.complied_on is None
            and self.compliance_due_on < today
        )


REMEDY_FIELDS = (
    "remedy_apology",
    "remedy_payment",
    "remedy_corrective_action",
    "remedy_service_improvement",
)

_D = OmbudsmanCase.Decision
DECISION_VOCABULARY: dict[str, str] = {
    **{d: OLDER for d in (
        _D.MALADMIN_NO_INJUSTICE, _D.MALADMIN_INJUSTICE, _D.NO_MALADMIN, _D.DISCRETION,
        _D.LOCAL_SETTLEMENT, _D.OUTSIDE_JURISDICTION, _D.DISCONTINUED, _D.PREMATURE,
        _D.CLOSED_NO_ACTION,
    )},
    **{d: CURRENT for d in (
        _D.UPHELD, _D.NOT_UPHELD, _D.CLOSED_INITIAL, _D.NOT_FOR_US, _D.ASSESSED_CLOSED,
    )},
}
del _D


class MembersEnquiryQuerySet(DatedQuerySet):
    dated_by = "received_on"

    def unanswered(self):
        return self.filter(responded_on=None)

    def overdue(self, today: date):
        """Unanswered and past the due date. Served by members_enquiry_open_due."""
        return self.unanswered().filter(due_on__lt=today)

    def answered_within_target(self):
        """Answered on or before the due date: the report's "% within target"."""
        return self.filter(responded_on__lte=F("due_on"))

    def decided_by(self, today: date):
        """Those whose "within target" is settled on ``today``: answered, or
        unanswered past the due date. One still in time counts for neither."""
        return self.filter(Q(responded_on__isnull=False) | Q(due_on__lt=today))


class MembersEnquiry(models.Model):
    """Members' correspondence: a councillor's or MP's enquiry, with its
    response target (MEMBERS_ENQUIRY_TARGET_DAYS working days, corporate
    calendar). Record through services.record_members_enquiry, which stores
    the due date and its explanation."""

    class MemberKind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        MP = "mp", "Member of Parliament (MP)"

    member_name = models.CharField("Member's name", max_length=200)
    member_kind = models.CharField("Councillor or MP", max_length=12, choices=MemberKind.choices)
    received_on = models.DateField("Date received")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members_enquiries"
    )
    subject = models.CharField(max_length=200)
    due_on = models.DateField("Response due")
    due_explanation = models.JSONField(default=dict, blank=True)
    responded_on = models.DateField("Date responded", null=True, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="members_enquiries"
    )

    objects = MembersEnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = "members' enquiry"
        verbose_name_plural = "members' enquiries"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(responded_on__gte=F("received_on")),
                name="members_enquiry_responded_after_received",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("received_on")),
                name="members_enquiry_due_after_received",
            ),
        ]
        indexes = [
            # The annual report's count and % within target for a year.
            models.Index(fields=["received_on"], name="members_enquiry_received"),
            # Outstanding members' enquiries, soonest due first; and moving
            # their due dates when the calendar changes.
            models.Index(
                fields=["due_on"], name="members_enquiry_open_due", condition=Q(responded_on=None)
            ),
        ]

    def __str__(self):
        return f"{self.member_name}: {self.subject}"

    @property
    def answered_within_target(self) -> bool:
        """Answered on or before the due date. An unanswered enquiry has not
        been answered within target (yet)."""
        return self.responded_on is not None and self.responded_on <= self.due_on

    def is_overdue(self, today: date) -> bool:
        """Unanswered and past the due date (MembersEnquiryQuerySet.overdue)."""
        return self.responded_on is None and self.due_on < today

    def due_date_explained(self) -> str:
        if not self.due_explanation:
            return ""
        return workdays.DueDate.from_dict(self.due_explanation).text()


class ComplimentQuerySet(DatedQuerySet):
    dated_by = "received_on"

    def publishable(self):
        """What may be quoted in a published report: agreed to by the person who
        gave it and approved by an officer who took the names out. Served by
        compliment_received_team's year range."""
        return self.filter(consent_to_publish=True, approved_on__isnull=False)

    def awaiting_approval(self):
        """Agreed to publication, not yet approved (nor refused)."""
        return self.filter(consent_to_publish=True, approved_on__isnull=True)


def compliment_publication_findings(*, consent_to_publish: bool, approved_on, published_text: str) -> list:
    """The rule for quoting a compliment: only with the agreement of the person
    who gave it, and only words an officer approved (with names taken out).
    Returns findings as (field, message), as casework.rules does."""
    if approved_on is None:
        return []
    findings = []
    if not consent_to_publish:
        findings.append(("approved_on", "A compliment can be approved for publishing only if the "
                                        "person who gave it agreed to publication"))
    if not published_text.strip():
        findings.append(("published_text", "Enter the words to publish"))
    return findings


class Compliment(models.Model):
    """Praise for a team or its staff. The words are kept as given, with the
    staff named in them; only published_words() (names replaced with "X") may
    be published, and only with consent."""

    class GivenBy(models.TextChoices):
        PARENT = "parent", "Parent or family member"
        YOUNG_PERSON = "young_person", "Young person"
        CARER = "carer", "Carer"
        PROFESSIONAL_INTERNAL = "prof_internal", "Professional (internal)"
        PROFESSIONAL_EXTERNAL = "prof_external", "Professional (external)"

    received_on = models.DateField("Date received")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="compliments"
    )
    given_by = models.CharField("Who gave it", max_length=20, choices=GivenBy.choices)
    words = models.TextField("What they said")
    staff_named = models.TextField(
        "Staff named",
        blank=True,
        help_text="Every name used for staff in the words, separated by commas or new lines "
        "(for example, Teju, Teju Adeyemi). Kept, never published.",
    )
    consent_to_publish = models.BooleanField("Agreed to publication", default=False)
    # What a published report quotes: the words as an officer approved them, with
    # every name (and anything else identifying) taken out. Nothing is quoted
    # until approved_on is set.
    published_text = models.TextField("As published", blank=True)
    approved_on = models.DateField("Approved for publishing on", null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ComplimentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(words=""), name="compliment_has_words"),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | (Q(consent_to_publish=True) & ~Q(published_text="")),
                name="compliment_approved_with_consent"),
        ]
        indexes = [
            # The annual report's compliments by team for a year.
            models.Index(fields=["received_on", "team"], name="compliment_received_team"),
        ]

    def __str__(self):
        team = self.team.name if self.team_id else "No team"
        return f"{team}, {self.received_on:%-d %B %Y}"

    def staff_names(self) -> list[str]:
        names = (n.strip() for n in re.split(r"[,\n]", self.staff_named))
        return [n for n in names if n]

    def published_words(self) -> str:
        """The words with every listed staff name replaced by "X": whole words
        only, whatever the case ("Teju's" becomes "X's"; "Tejumola" is left)."""
        names = sorted(set(self.staff_names()), key=len, reverse=True)  # "Teju Ade" before "Teju"
        if not names:
            return self.words
        alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return pattern.sub("X", self.words)


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Action.CLOSED_STATUSES)

    def overdue(self, today: date):
        """Actions past their target date and neither done nor dropped.
        Served by action_open_target."""
        return self.open().filter(target_on__lt=today)

    def next_number(self) -> int:
        """The number after the plan's highest. One query."""
        return (self.aggregate(highest=Max("number"))["highest"] or 0) + 1


class Action(models.Model):
    """One numbered action in the action plan: the learning from complaints,
    who owns it, what it should achieve and by when, and the cases and points
    of complaint it came from."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    number = models.PositiveIntegerField(unique=True)
    task = models.TextField()
    owners = models.CharField(max_length=300, help_text="People or teams responsible")
    starts_on = models.DateField("Start date")
    intended_outcome = models.TextField()
    target_on = models.DateField("Target date", null=True, blank=True)
    target_text = models.CharField(
        "Target (in words)", max_length=100, blank=True, help_text="For example, On-going"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    cases = models.ManyToManyField(Case, blank=True, related_name="actions")
    points = models.ManyToManyField(Point, blank=True, related_name="actions")

    objects = ActionQuerySet.as_manager()

    CLOSED_STATUSES = (Status.DONE, Status.DROPPED)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="action_number_positive"),
            models.CheckConstraint(
                condition=Q(target_on__isnull=True) | Q(target_on__gte=F("starts_on")),
                name="action_target_after_start",
            ),
        ]
        indexes = [
            # Overdue actions: open ones by target date.
            models.Index(
                fields=["target_on"],
                name="action_open_target",
                condition=Q(status__in=["not_started", "in_progress"]),
            ),
        ]

    def __str__(self):
        return f"Action {self.number}"

    def target(self) -> str:
        """The target as the plan shows it: the date, or the words ("On-going")."""
        if self.target_on:
            return f"{self.target_on:%-d %B %Y}"
        return self.target_text

    def is_overdue(self, today: date) -> bool:
        return (
            self.status not in self.CLOSED_STATUSES
            and self.target_on is not None
            and self.target_on < today
        )


class ActionUpdate(models.Model):
    """A dated progress note on an action (the plan's "quarterly update")."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField("Date")
    text = models.TextField("Update")

    class Meta:
        ordering = ["action", "-written_on", "-id"]
        indexes = [
            # An action's updates, latest first, on the plan.
            models.Index(fields=["action", "-written_on"], name="action_update_latest"),
        ]

    def __str__(self):
        return f"{self.action}: update of {self.written_on:%-d %B %Y}"
