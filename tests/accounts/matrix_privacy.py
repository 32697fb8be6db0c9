"""Permission matrix rows for retention and equality monitoring (complaints.privacy)."""

from django.urls import reverse

PRIVACY_MATRIX = {
    "retention_review": (lambda c: reverse("retention_review"), {"manager", "admin"}),
    "case_equality": (lambda c: reverse("case_equality", args=[c.reference]), {"manager", "admin"}),
}
