"""Subject access requests and the disclosure packs made for them.

Rules that change a request live in complaints.subject_access.services; the
search in search.py; the pack in pack.py.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce


class RequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=SubjectAccessRequest.Status.OPEN)

    def with_deadline(self):
        """Annotate ``effective_due_on``: the extended date if extended, else the due date."""
        return self.annotate(effective_due_on=Coalesce("extended_to", "due_on"))

    def overdue(self, today: date):
        """Open requests past their deadline (extended or not). Served by sar_open_due."""
        return self.open().with_deadline().filter(effective_due_on__lt=today)


class SubjectAccessRequest(models.Model):
    """A request for a copy of the personal data held about a person (UK GDPR
    Article 15), made by them or by someone acting for them."""

    class Relationship(models.TextChoices):
        SELF = "self", "The person themselves"
        PARENT = "parent", "Parent or person with parental responsibility"
        SOLICITOR = "solicitor", "Solicitor or legal representative"
        ADVOCATE = "advocate", "Advocate"
        OTHER = "other", "Someone else acting with their authority"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PACK_SENT = "pack_sent", "Pack sent"
        CLOSED = "closed", "Closed"
        REFUSED = "refused", "Refused"

    reference = models.CharField(max_length=20, unique=True)
    requester_name = models.CharField("Requester's full name", max_length=200)
    relationship = models.CharField(
        "Who is asking", max_length=12, choices=Relationship.choices
    )
    subject_name = models.CharField("Full name of the person the request is about", max_length=200)
    subject_date_of_birth = models.DateField("Their date of birth", null=True, blank=True)
    subject_email = models.EmailField("Their email address", blank=True)
    other_identifiers = models.TextField(
        "Other ways to identify them", blank=True,
        help_text="For example, other names they have used, a case reference or an address",
    )
    received_on = models.DateField("Date received")
    due_on = models.DateField("Response due")
    due_explanation = models.TextField(blank=True)
    extended_to = models.DateField("Extended to", null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    extension_told_on = models.DateField(
        "Date the requester was told of the extension", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    pack_sent_on = models.DateField("Date the pack was sent", null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = "subject access request"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gt=F("received_on")), name="sar_due_after_received"),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=F("due_on")),
                name="sar_extended_after_due",
            ),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | ~Q(extension_reason=""),
                name="sar_extension_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(pack_sent_on__isnull=True) | Q(pack_sent_on__gte=F("received_on")),
                name="sar_pack_sent_after_received",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="sar_refusal_has_reason",
            ),
        ]
        indexes = [
            # The requests page: open requests, soonest due first, overdue flagged.
            models.Index(fields=["status", "due_on"], name="sar_open_due"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def deadline_on(self) -> date:
        """The date the response is due: the extended date if extended."""
        return self.extended_to or self.due_on

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.deadline_on < today


class DisclosureQuerySet(models.QuerySet):
    def listed(self):
        """For a list of packs: without their files, with who made them. One query."""
        return self.defer("content").select_related("created_by", "approved_by")


class Disclosure(models.Model):
    """A disclosure pack made for a request: a ZIP of the pack (.docx) and the
    documents found, kept in the database as it was made (like the letters)."""

    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.CASCADE, related_name="disclosures"
    )
    content = models.BinaryField()
    filename = models.CharField(max_length=200)
    # What went into the pack, for the request page: ["COM-2022-0001", "Compliment of 1 May 2022"].
    records = models.JSONField(default=list)
    names_marked = models.PositiveIntegerField(default=0)
    # Who approved a restricted case going into the pack (someone other than its
    # maker, whose role may approve: services.approval_problem). Kept while the
    # pack is: a user who approved one is deactivated, not deleted.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Restricted cases approved by",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.filename
