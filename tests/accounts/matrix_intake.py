"""Permission matrix rows for the public forms app (complaints.intake).

INTAKE_MATRIX: staff pages, url name -> (how to build the URL from the test case,
the roles allowed). INTAKE_PUBLIC: url names anyone may open without signing in.

A complaint's files are served to the roles that may see the case: the test
case belongs to the responding manager's team and the head of service's area.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from complaints.intake import uploads
from complaints.intake.models import Attachment

CASE_VIEWERS = {"officer", "manager", "responding", "head", "admin"}

# The matrix has no fixtures to hand: its files go to a folder of their own,
# removed when the tests end, never to the development var/ folder.
_FILES = Path(tempfile.mkdtemp(prefix="matrix-attachments-"))
atexit.register(shutil.rmtree, _FILES, True)


def _attachment_url(case):
    settings.ATTACHMENTS_DIR = _FILES
    relative = f"{uploads.UPLOADS}/matrix-{case.pk}"
    path = uploads.root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 matrix")
    attachment, _ = Attachment.objects.get_or_create(
        case=case, path=relative,
        defaults={"name": "letter.pdf", "content_type": "application/pdf", "size": 15,
                  "sha256": "0" * 64})
    return reverse("attachment_download", args=[case.reference, attachment.pk])


INTAKE_MATRIX = {
    "attachment_download": (_attachment_url, CASE_VIEWERS),
}
# The public forms: start, each question, "Check your answers" and the confirmation.
INTAKE_PUBLIC = {"intake_start", "intake_step", "intake_check", "intake_sent"}
