"""Done when: "a subject access pack contains the person's records and nothing
of a restricted case they are not party to"."""

import hashlib
import re

import pytest

from complaints.intake.models import Attachment
from complaints.letters.services import generate_letter
from complaints.subject_access.pack import build_pack
from complaints.subject_access.search import find
from tests.subject_access.conftest import ALEX_BORN, docx_text, pack_docx, zip_files

# What the restricted case that only names Alex holds, and its members' enquiry.
SECRETS = ["COM-2022-0006", "Classified matter", "Hidden", "secret", "Drew", "Morgan"]


@pytest.fixture
def restricted_documents(family, officer, settings, tmp_path):
    """Letters and a file on both restricted cases."""
    settings.ATTACHMENTS_DIR = tmp_path
    for case in (family.restricted_party, family.restricted_mention):
        generate_letter(case, "acknowledgement", by=officer)
        content = f"A statement about {case.reference}".encode()
        (tmp_path / f"{case.pk}.txt").write_bytes(content)
        Attachment.objects.create(case=case, name=f"{case.reference} statement.pdf",
                                  content_type="application/pdf", size=len(content),
                                  sha256=hashlib.sha256(content).hexdigest(), path=f"{case.pk}.txt")


@pytest.fixture
def everything(family, restricted_documents, sar, officer, approver):
    """A pack of every record found, possible matches included, the restricted
    case they are a party to approved by a complaints manager."""
    findings = find("Alex Taylor", ALEX_BORN, "alex@example.com")
    return build_pack(sar, findings, by=officer, approved_by=approver)


def _every_text_in(archive: bytes) -> str:
    """The ZIP's file names and every file's text (a .docx read back)."""
    texts = []
    for name, content in zip_files(archive).items():
        texts.append(name)
        texts.append(docx_text(content) if name.endswith(".docx") else content.decode("utf-8", "replace"))
    return "\n".join(texts)


def test_the_restricted_case_they_are_a_party_to_is_in_the_pack(everything, family):
    everything_text = _every_text_in(everything.content)
    reference = family.restricted_party.reference
    assert f"Case {reference}" in docx_text(pack_docx(everything.content))
    assert "About the family's foster placement." in everything_text
    assert f"letters/{reference}/{reference}-acknowledgement-2023-02-01.docx" in zip_files(everything.content)
    assert f"attachments/{reference}/{reference} statement.pdf" in zip_files(everything.content)


def test_nothing_of_a_restricted_case_that_only_names_them_is_anywhere_in_the_pack(everything, family):
    assert family.restricted_mention.reference == "COM-2022-0006"
    everything_text = _every_text_in(everything.content)
    for secret in SECRETS:
        assert not re.search(re.escape(secret), everything_text, re.IGNORECASE), secret
    assert "Alex Taylor and the Hidden family" not in everything_text  # its members' enquiry
    assert not any(family.restricted_mention.reference in record for record in everything.records)


def test_choosing_the_restricted_case_by_its_key_adds_nothing(family, sar, officer):
    findings = find("Alex Taylor", ALEX_BORN)
    chosen = findings.only([f"case-{family.restricted_mention.pk}"])
    disclosure = build_pack(sar, chosen, by=officer)
    assert "COM-2022-0006" not in _every_text_in(disclosure.content)
    assert disclosure.records == []
