"""Retention that keeps the statistics, and equality data erased on request
without changing published figures."""

from django.conf import settings
from django.db import models

from complaints.casework.models import Disability, Ethnicity, Religion


class RecordType(models.TextChoices):
    COMPLAINT = "complaint", "Complaints"
    ENQUIRY = "enquiry", "Enquiries"
    MEMBERS = "members", "Members' correspondence"
    COMPLIMENT = "compliment", "Compliments"


class RetentionRule(models.Model):
    """How long a type of record is kept once it is closed (answered, for
    members' correspondence; received, for compliments). An administrator may
    change it; the defaults come from settings.RETENTION_YEARS."""

    record_type = models.CharField(max_length=12, choices=RecordType.choices, unique=True)
    years = models.PositiveSmallIntegerField("Years kept after closure")
    authority = models.CharField(
        "Where the rule comes from", max_length=200, blank=True,
        help_text="For example, the council's retention schedule, item 4.2")

    class Meta:
        ordering = ["record_type"]

    def __str__(self):
        return f"{self.get_record_type_display()}: {self.years} years after closure"


class DestructionRecord(models.Model):
    """What was destroyed, when, by whom and under which rule: never the content."""

    record_type = models.CharField(max_length=12, choices=RecordType.choices)
    reference = models.CharField(max_length=40, help_text="The record's reference or number, not its content")
    closed_on = models.DateField(null=True, blank=True)
    rule = models.CharField(max_length=300)
    destroyed_at = models.DateTimeField(auto_now_add=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-destroyed_at", "-id"]

    def __str__(self):
        return f"{self.get_record_type_display()} {self.reference} destroyed {self.destroyed_at:%-d %B %Y}"


class ErasedMonitoring(models.Model):
    """One child's equality monitoring, kept only as an anonymous count after
    the person asked for it to be erased: not linked to the child or the case,
    so the published figures of closed years do not change. The annual report
    adds these back (complaints.reports.annual)."""

    received_month = models.DateField(help_text="The first day of the month the complaint was received")
    age_at_receipt = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=12, blank=True)
    ethnicity = models.ForeignKey(Ethnicity, on_delete=models.PROTECT, null=True, blank=True)
    religion = models.ForeignKey(Religion, on_delete=models.PROTECT, null=True, blank=True)
    disabilities = models.ManyToManyField(Disability, blank=True)
    erased_at = models.DateTimeField(auto_now_add=True)
