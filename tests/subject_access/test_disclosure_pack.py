"""The disclosure pack, read back: a ZIP holding the pack (.docx) and the
letters and files of the cases the person is a party to; in the pack, their
records, with every other person's name marked "[REDACT? …]" and highlighted,
and listed at the end."""

import hashlib

import pytest
from docx.enum.text import WD_COLOR_INDEX

from complaints.intake.models import Attachment
from complaints.letters.services import generate_letter
from complaints.subject_access.pack import build_pack
from complaints.subject_access.search import find
from tests.subject_access.conftest import (
    ALEX_BORN,
    MARKED,
    docx_paragraphs,
    docx_runs,
    docx_text,
    pack_docx,
    unmarked,
    zip_files,
)

OTHER_PEOPLE = ["Sam Taylor", "Jamie Taylor", "Chris Green", "Robin Green", "Jo Bloggs",
                "Cllr Lee Ward", "Officer Persona", "sam@example.com", "07700 900123"]


@pytest.fixture
def attachments_dir(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    settings.ATTACHMENTS_DIR.mkdir()
    return settings.ATTACHMENTS_DIR


@pytest.fixture
def documents(family, officer, attachments_dir):
    """An acknowledgement on Alex's case and on the case that only names them,
    and a file sent with Alex's case."""
    letters = {case: generate_letter(case, "acknowledgement", by=officer)
               for case in (family.child, family.mentioned)}
    content = b"%PDF-1.4 the statement Sam Taylor sent"
    (attachments_dir / "f3a9.pdf").write_bytes(content)
    Attachment.objects.create(case=family.child, name="statement.pdf", content_type="application/pdf",
                              size=len(content), sha256=hashlib.sha256(content).hexdigest(), path="f3a9.pdf")
    return letters


@pytest.fixture
def disclosure(family, documents, sar, officer, approver):
    findings = find("Alex Taylor", ALEX_BORN, "alex@example.com")
    return build_pack(sar, findings.only(findings.certain_keys()), by=officer, approved_by=approver)


def test_the_zip_holds_the_pack_the_letters_and_the_files_of_their_cases(disclosure, family, documents):
    files = zip_files(disclosure.content)
    letter = documents[family.child]
    assert set(files) == {
        "SAR-2023-0001-disclosure-pack.docx",
        f"letters/COM-2022-0002/{letter.filename}",
        "attachments/COM-2022-0002/statement.pdf",
    }
    assert files[f"letters/COM-2022-0002/{letter.filename}"] == bytes(letter.content)
    assert files["attachments/COM-2022-0002/statement.pdf"].startswith(b"%PDF-1.4")
    assert disclosure.filename == "SAR-2023-0001-disclosure-2023-02-01.zip"


def test_the_pack_holds_their_records(disclosure, family):
    text = docx_text(pack_docx(disclosure.content))
    for case in (family.complainant, family.child, family.mentioned, family.restricted_party):
        assert f"Case {case.reference}" in text
    assert "I asked for help with my brother" in text  # the case they made
    assert "31 March 2012" in text  # their date of birth on the case about them
    assert "left out of the trip that  alex   taylor went on" in text  # the point naming them
    assert "helped Alex Taylor settle in at school" in text  # the compliment
    assert "Support for Alex Taylor" in text  # the members' enquiry
    assert "alex@example.com" in text  # their own email address, not marked
    assert family.namesake.reference not in text  # the other Alex Taylor


def test_other_peoples_names_appear_only_marked_for_redaction_review(disclosure):
    content = pack_docx(disclosure.content)
    text = docx_text(content)
    body = unmarked(text)
    for name in OTHER_PEOPLE:
        assert name not in body, name
    # The Greens are on a case that only names Alex: only that passage is in the pack.
    for name in set(OTHER_PEOPLE) - {"Chris Green", "Robin Green"}:
        assert f"[REDACT? {name}]" in text, name
    # "Robin" alone, a child's first name in a point, is marked too; their own name is not.
    assert "[REDACT? Robin] was left out of the trip" in text
    assert "[REDACT? Alex" not in text


def test_each_marked_name_is_its_own_highlighted_run(disclosure):
    runs = docx_runs(pack_docx(disclosure.content))
    marked = [run for run in runs if MARKED.search(run.text)]
    assert marked
    for run in marked:
        assert MARKED.fullmatch(run.text), run.text
        assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert all(run.font.highlight_color is None for run in runs if not MARKED.search(run.text))


def test_the_names_marked_are_listed_with_where_they_appear(disclosure):
    paragraphs = docx_paragraphs(pack_docx(disclosure.content))
    table = paragraphs[paragraphs.index("Names and details marked for redaction review"):]
    assert "[REDACT? Sam Taylor]" in table
    where = table[table.index("[REDACT? Sam Taylor]") + 1]
    assert "COM-2022-0002: complainant" in where and "COM-2022-0002: what happened" in where
    assert disclosure.names_marked == len({n for n in table if MARKED.fullmatch(n)})


def test_a_name_from_another_case_is_marked_where_it_is_mentioned(
        family, sar, officer, approver, record_complaint):
    record_complaint(complainant="Kim Lee", child="Ash Lee")
    family.mentioned.points.filter(number=2).update(summary="Transport was late; Kim Lee saw it")
    findings = find("Alex Taylor", ALEX_BORN)
    text = docx_text(pack_docx(build_pack(sar, findings, by=officer, approved_by=approver).content))
    assert "[REDACT? Kim Lee]" not in text  # point 2 does not name Alex: not in the pack
    family.mentioned.points.filter(number=1).update(
        summary="Alex Taylor went on the trip with Kim Lee")
    findings = find("Alex Taylor", ALEX_BORN)
    text = docx_text(pack_docx(build_pack(sar, findings, by=officer, approved_by=approver).content))
    assert "Alex Taylor went on the trip with [REDACT? Kim Lee]" in text


def test_a_case_that_only_names_them_gives_only_what_names_them(disclosure, family):
    text = docx_text(pack_docx(disclosure.content))
    assert f"Case {family.mentioned.reference}" in text
    assert "was left out of the trip" in text  # point 1 names them
    assert "Transport was late" not in text  # point 2 does not


def test_a_pack_with_nothing_found_says_so(sar, officer):
    disclosure = build_pack(sar, find("Alex Taylor", ALEX_BORN), by=officer)
    text = docx_text(pack_docx(disclosure.content))
    assert "No records about Alex Taylor were found." in text
    assert disclosure.records == [] and disclosure.names_marked == 0


def test_a_missing_attachment_file_is_listed_not_packed(
        family, documents, sar, officer, approver, attachments_dir):
    (attachments_dir / "f3a9.pdf").unlink()
    findings = find("Alex Taylor", ALEX_BORN)
    disclosure = build_pack(sar, findings.only([f.key for f in findings.party_cases]), by=officer,
                            approved_by=approver)
    assert not any(name.startswith("attachments/") for name in zip_files(disclosure.content))
    assert "Not included: COM-2022-0002: statement.pdf" in docx_text(pack_docx(disclosure.content))


def test_the_pack_records_what_it_holds(disclosure, family):
    assert f"Case {family.child.reference} (a child the case is about)" in disclosure.records
    assert "Compliment received Thu 3 Nov 2022" in disclosure.records
    assert disclosure.created_by.username == "officer"
