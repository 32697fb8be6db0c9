"""Letter templates an administrator can replace, and the letters made from them.

Both keep their .docx in the database, so letters work the same on SQLite and
PostgreSQL with no media storage to back up separately.
"""

from django.conf import settings
from django.db import models

from complaints.casework.models import Case


class Kind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    EXTENSION = "extension", "Extension notice"
    STAGE1_RESPONSE = "stage1_response", "Stage 1 response cover letter"
    STAGE2_ADJUDICATION = "stage2_adjudication", "Stage 2 adjudication cover letter"
    STAGE3_RESPONSE = "stage3_response", "Stage 3 response"
    # Not a letter: the standard words the others include as {{ ombudsman_text }}.
    OMBUDSMAN = "ombudsman", "How to go to the Ombudsman (included in other letters)"

    @classmethod
    def letters(cls) -> list["Kind"]:
        """The kinds a case's letters can be made from."""
        return [kind for kind in cls if kind != cls.OMBUDSMAN]


class LetterTemplate(models.Model):
    """An uploaded replacement for one kind's built-in template; none means the
    built-in one (complaints.letters.defaults) is used."""

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    content = models.BinaryField()
    filename = models.CharField("File uploaded", max_length=200)
    uploaded_at = models.DateTimeField(auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return f"{self.get_kind_display()} template"


class GeneratedLetterQuerySet(models.QuerySet):
    def listed(self):
        """For a list of letters: without their files, with who made them. One query."""
        return self.defer("content").select_related("created_by")


class GeneratedLetter(models.Model):
    """A letter made for a case, kept as it was made."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content = models.BinaryField()
    filename = models.CharField(max_length=200)

    objects = GeneratedLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # A case's letters, newest first, on the case and letters pages.
            models.Index(fields=["case", "-created_at"], name="letter_case_created"),
        ]

    def __str__(self):
        return self.filename


class Signature(models.Model):
    """How a member of staff signs the letters they make: their name comes from
    their account, the rest from here. Kept per user (issue #13)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="letter_signature")
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True, help_text="Blank: the email address of their account")

    def __str__(self):
        return f"Signature of {self.user}"
