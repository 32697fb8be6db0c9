"""What the public forms keep beside the case: each accepted form, and the
files sent with a complaint.

The complaint itself is an ordinary case (complaints.casework), a compliment an
ordinary compliment (complaints.records); equality answers go to the casework
Monitoring model only.
"""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from complaints.intake import uploads


class PublicSubmission(models.Model):
    """One form accepted from the public.

    ``token`` identifies the form a person filled in (it is made when they
    start), so sending the same answers twice records one case, not two.
    ``address`` is a keyed hash of the sender's network address, never the
    address itself: it is kept only to count the forms one address sends in an
    hour (INTAKE_RATE_LIMIT, complaints.intake.limits).
    """

    class Form(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        YOUNG_PERSON = "young_person", "Complaint from a child or young person"
        COMPLIMENT = "compliment", "Compliment"

    token = models.CharField(max_length=32, unique=True)
    form = models.CharField(max_length=20, choices=Form.choices)
    address = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(default=timezone.now)
    case = models.OneToOneField(
        "casework.Case", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="public_submission",
    )
    compliment = models.OneToOneField(
        "records.Compliment", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="public_submission",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            # The rate limit: forms from one address in the last hour.
            models.Index(fields=["address", "submitted_at"], name="submission_address_at"),
        ]

    def __str__(self):
        return f"{self.get_form_display()} {self.submitted_at:%Y-%m-%d %H:%M}"


class PublicUpload(models.Model):
    """A file uploaded to a public form's files page, counted against its
    sender's address (a keyed hash, as for PublicSubmission) for the upload
    limits in complaints.intake.limits: bytes in an hour, files waiting.

    Written before the file is, with the path it will have; says nothing of
    what the file holds. Forgotten after a day (clear_abandoned_uploads).
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENT = "sent", "Sent with a complaint"
        REMOVED = "removed", "Removed by the sender"

    address = models.CharField(max_length=64)
    path = models.CharField(max_length=100, unique=True)
    size = models.PositiveBigIntegerField("Size in bytes")
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [
            # The upload limits: one address's files, the last hour's and those waiting.
            models.Index(fields=["address", "uploaded_at"], name="upload_address_at"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} {self.uploaded_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file sent with a complaint.

    The file lives under ATTACHMENTS_DIR at ``path`` (a random name, never the
    sender's); ``content_type`` is what its contents were found to be, not what
    the browser said, and it alone decides the extension the file is shown and
    downloaded with (``download_name``). Served only to staff who may view the case.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("File name", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("Size in bytes")
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=100, unique=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="attachment_not_empty"),
        ]

    def __str__(self):
        return self.name

    @property
    def kind(self) -> str:
        """"PDF", "Word document", "JPG image"…"""
        return uploads.kind_of(self.content_type).label

    @property
    def download_name(self) -> str:
        """The sender's name with the extension of what the file is."""
        return uploads.named_as(self.name, self.content_type)

    @property
    def download_type(self) -> str:
        """The content type to serve it as: its kind's, or plain bytes."""
        return uploads.kind_of(self.content_type).content_type

    @property
    def file_path(self) -> Path:
        return Path(settings.ATTACHMENTS_DIR) / self.path
