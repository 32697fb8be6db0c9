"""Files sent with a complaint: at most 5, each under the size limit, of a
kind found from its contents; kept outside the static files and served only
to staff who may see the case."""

import io
import os
import time
import zipfile
from importlib import import_module
from pathlib import Path

import docx
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.casework.models import Case
from complaints.intake.models import Attachment
from tests.intake.answers import answer, complaint_answers, fill, send, step_url

DOCUMENTS = step_url("complaint", "documents")
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx(*, macros=False) -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    if not macros:
        return out.getvalue()
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"macros")
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def at_documents(client, db):
    """A complaint answered up to its files page."""
    answers = complaint_answers()
    answer(client, "complaint", {step: a for step, a in answers.items()
                                 if step not in {"documents", "equality"}})
    return client


def _post(client, *files, **extra):
    return client.post(DOCUMENTS, {"files": list(files), **extra})


def test_pdf_image_and_word_files_are_sent_with_the_complaint(
    at_documents, attachments_dir, on_friday_16_december_2022
):
    client = at_documents
    assert _post(client, upload("letter.pdf", PDF), upload("photo.png", PNG),
                 upload("notes.docx", _docx())).status_code == 302
    fill(client, "complaint", {"equality": {}})
    send(client, "complaint")

    case = Case.objects.get()
    files = {a.name: a for a in case.attachments.all()}
    assert {name: (a.content_type, a.kind) for name, a in files.items()} == {
        "letter.pdf": ("application/pdf", "PDF"),
        "photo.png": ("image/png", "PNG image"),
        "notes.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "Word document"),
    }
    letter = files["letter.pdf"]
    assert letter.size == len(PDF) and letter.file_path.read_bytes() == PDF
    assert letter.file_path.is_relative_to(attachments_dir)
    assert not any(letter.file_path.is_relative_to(d) for d in settings.STATICFILES_DIRS)
    assert oct(letter.file_path.stat().st_mode & 0o777) == "0o600"
    assert "letter" not in letter.path  # stored under a random name


def test_the_files_page_lists_what_was_added_and_a_file_can_be_removed(at_documents, attachments_dir):
    client = at_documents
    _post(client, upload("letter.pdf", PDF), upload("photo.png", PNG), add="1")

    page = client.get(DOCUMENTS).content.decode()
    assert "letter.pdf" in page and "photo.png" in page
    stored = client.session["intake:complaint"]["uploads"]
    assert len(list((attachments_dir / "uploads").iterdir())) == 2

    response = client.post(DOCUMENTS, {"remove": stored[0]["path"]})

    assert response["Location"] == DOCUMENTS
    assert [f["name"] for f in client.session["intake:complaint"]["uploads"]] == ["photo.png"]
    assert len(list((attachments_dir / "uploads").iterdir())) == 1


@pytest.mark.parametrize(("name", "content"), [
    ("notes.pdf", b"just some text, not a PDF"),
    ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100),
    ("macros.docx", _docx(macros=True)),
    ("sheet.doc", OLE2 + b"\x00" * 600 + "Workbook".encode("utf-16-le")),
    ("broken.docx", b"PK\x03\x04 not really a zip"),
])
def test_a_file_that_is_not_a_pdf_image_or_word_document_is_refused(at_documents, attachments_dir,
                                                                    name, content):
    response = _post(at_documents, upload(name, content))

    assert response.context["form"].errors["files"] == [
        f"{name} must be a PDF, JPG, PNG, GIF or Word document"]
    assert not (attachments_dir / "uploads").exists()


def test_an_old_word_document_is_accepted(at_documents):
    doc = OLE2 + b"\x00" * 600 + "WordDocument".encode("utf-16-le")

    assert _post(at_documents, upload("old.doc", doc)).status_code == 302


def test_an_empty_file_is_refused(at_documents):
    response = _post(at_documents, upload("empty.pdf", b""))

    assert response.context["form"].errors["files"] == ["empty.pdf is empty"]


def test_a_file_over_the_size_limit_is_refused_without_being_kept(at_documents, settings,
                                                                  attachments_dir):
    settings.ATTACHMENT_MAX_BYTES = 1_000

    response = _post(at_documents, upload("big.pdf", PDF + b"0" * 2_000))

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == ["big.pdf must be smaller than 1000 bytes"]
    assert not (attachments_dir / "uploads").exists()


def test_no_more_than_five_files(at_documents):
    def files(count):
        return [upload(f"letter{n}.pdf", PDF) for n in range(count)]

    assert _post(at_documents, *files(6)).context["form"].errors["files"] == [
        "You can send up to 5 files"]

    assert _post(at_documents, *files(3), add="1").status_code == 302
    again = _post(at_documents, *files(3))
    assert again.context["form"].errors["files"] == ["You can send up to 5 files"]


def test_a_kept_file_that_has_gone_must_be_uploaded_again(at_documents, attachments_dir):
    _post(at_documents, upload("letter.pdf", PDF))
    for path in (attachments_dir / "uploads").iterdir():
        path.unlink()

    response = at_documents.post(DOCUMENTS, {})

    assert response.context["form"].errors["files"] == ["letter.pdf could not be found: upload it again"]


@pytest.fixture
def case_with_a_file(client, team, on_friday_16_december_2022):
    answers = complaint_answers()
    answer(client, "complaint", {s: a for s, a in answers.items() if s not in {"documents", "equality"}})
    _post(client, upload("letter.pdf", PDF))
    fill(client, "complaint", {"equality": {}})
    send(client, "complaint")
    client.logout()
    return Case.objects.get()


@pytest.mark.parametrize("role", ["officer", "manager", "responding", "head", "admin"])
def test_staff_who_may_see_the_case_download_its_files_and_it_is_audited(
    client, personas, case_with_a_file, role
):
    attachment = case_with_a_file.attachments.get()
    client.force_login(personas[role])

    response = client.get(reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert (entry.user, entry.object_repr, entry.detail) == (
        personas[role], case_with_a_file.reference, "Attachment letter.pdf")


@pytest.mark.parametrize("role", ["reports", "outsider"])
def test_other_roles_may_not(client, personas, case_with_a_file, role):
    attachment = case_with_a_file.attachments.get()
    client.force_login(personas[role])

    url = reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk])
    assert client.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_a_responding_manager_of_another_team_may_not(client, personas, other_team, case_with_a_file):
    case_with_a_file.team = other_team
    case_with_a_file.save()
    client.force_login(personas["responding"])
    attachment = case_with_a_file.attachments.get()

    url = reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk])
    assert client.get(url).status_code == 404  # as for a case that does not exist (issue #18, 14)


def test_anyone_signed_out_is_sent_to_sign_in_and_a_wrong_reference_is_not_found(
    client, personas, case_with_a_file
):
    attachment = case_with_a_file.attachments.get()
    url = reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))

    client.force_login(personas["officer"])
    assert client.get(reverse("attachment_download", args=["COM-1999-0001", attachment.pk])).status_code == 404


def test_the_case_page_include_lists_the_files(case_with_a_file):
    html = render_to_string("intake/_case_attachments.html", {"case": case_with_a_file})
    attachment = case_with_a_file.attachments.get()

    assert reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk]) in html
    assert "letter.pdf" in html and "PDF" in html


def test_the_include_shows_nothing_for_a_case_without_files(record_complaint):
    assert render_to_string("intake/_case_attachments.html", {"case": record_complaint()}).strip() == ""


def test_abandoned_uploads_are_cleared_after_a_day(case_with_a_file, attachments_dir):
    kept = case_with_a_file.attachments.get().file_path
    old, new = attachments_dir / "uploads" / "old", attachments_dir / "uploads" / "new"
    old.write_bytes(PDF)
    new.write_bytes(PDF)
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old, kept):
        os.utime(path, (two_days_ago, two_days_ago))
    out = io.StringIO()

    call_command("clear_abandoned_uploads", stdout=out)

    assert out.getvalue().strip() == "removed 1 abandoned upload(s)"
    assert sorted(Path(p).name for p in (attachments_dir / "uploads").iterdir()) == sorted(
        [kept.name, "new"])


def test_clearing_with_no_uploads_folder_is_fine(db):
    out = io.StringIO()
    call_command("clear_abandoned_uploads", stdout=out)
    assert "removed 0" in out.getvalue()
    assert Attachment.objects.count() == 0


# -- A file is named by what it is, never by what its sender called it ----------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _with_content_types(document: bytes, content_types: bytes) -> bytes:
    """A Word document with its [Content_Types].xml replaced."""
    with zipfile.ZipFile(io.BytesIO(document)) as original:
        members = {name: original.read(name) for name in original.namelist()}
    return _zip({**members, "[Content_Types].xml": content_types})


MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.mark.parametrize("name", ["statement.html", "statement.hta", "statement.svg", "statement.PDF.html",
                                  "statement", "statement.exe"])
def test_a_pdf_named_as_something_else_is_refused(at_documents, attachments_dir, name):
    polyglot = PDF + b"<html><script>alert('ran')</script></html>"

    response = _post(at_documents, upload(name, polyglot))

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        f"{name} must be a PDF, JPG, PNG, GIF or Word document"]
    assert not (attachments_dir / "uploads").exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("photo.pdf", PNG, "photo.pdf must be a PDF"),
    ("letter.png", PDF, "letter.png must be a PNG image"),
    ("notes.pdf", _docx(), "notes.pdf must be a PDF"),
    ("letter.docx", PDF, "letter.docx must be a Word document"),
], ids=["png-named-pdf", "pdf-named-png", "docx-named-pdf", "pdf-named-docx"])
def test_a_file_whose_name_disagrees_with_its_contents_is_refused(at_documents, attachments_dir,
                                                                   name, content, message):
    response = _post(at_documents, upload(name, content))

    assert response.context["form"].errors["files"] == [message]
    assert not (attachments_dir / "uploads").exists()


def test_a_jpeg_may_end_in_jpeg_or_jpg_and_any_case(at_documents):
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 64

    assert _post(at_documents, upload("PHOTO.JPEG", jpeg), upload("scan.Jpg", jpeg), add="1").status_code == 302
    assert [f["name"] for f in at_documents.session["intake:complaint"]["uploads"]] == [
        "PHOTO.jpg", "scan.jpg"]


@pytest.mark.parametrize(("name", "content"), [
    ("macros.docm", _docx()),
    ("macros.docx", _with_content_types(_docx(), b'<?xml version="1.0"?><Types xmlns="http://schemas.'
                                        b'openxmlformats.org/package/2006/content-types"><Override '
                                        b'PartName="/word/document.xml" ContentType="' + MACRO_MAIN
                                        + b'"/></Types>')),
    ("hidden.docx", _zip({"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/'
                          b'package/2006/content-types"><Override PartName="/word/document.xml" '
                          b'ContentType="' + MAIN + b'"/></Types>', "word/document.xml": b"<w/>",
                          "customXml/VBAPROJECT.BIN": b"macros"})),
    ("sheet.docx", _zip({"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/'
                         b'package/2006/content-types"><Override PartName="/xl/workbook.xml" '
                         b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                         b'sheet.main+xml"/></Types>', "xl/workbook.xml": b"<w/>",
                         "word/document.xml": b"<w/>"})),
    ("missing.docx", _zip({"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/'
                           b'package/2006/content-types"><Override PartName="/word/document.xml" '
                           b'ContentType="' + MAIN + b'"/></Types>'})),
    ("entities.docx", _with_content_types(_docx(), b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a '
                                          b'"aaaa">]><Types/>')),
], ids=["docm", "macro-content-type", "hidden-vba-project", "spreadsheet", "no-main-part", "doctype"])
def test_a_word_file_is_checked_by_its_content_types_and_refused_with_macros(at_documents, attachments_dir,
                                                                           name, content):
    response = _post(at_documents, upload(name, content))

    assert response.context["form"].errors["files"] == [
        f"{name} must be a PDF, JPG, PNG, GIF or Word document"]
    assert not (attachments_dir / "uploads").exists()


def test_a_stored_file_is_named_by_its_kind(at_documents, attachments_dir):
    _post(at_documents, upload("Letter From School.PDF", PDF), add="1")

    stored = at_documents.session["intake:complaint"]["uploads"][0]
    assert stored["name"] == "Letter From School.pdf"
    assert stored["path"].endswith(".pdf")
    assert (attachments_dir / stored["path"]).read_bytes() == PDF


def test_a_file_sent_before_this_check_downloads_as_what_it_is(client, personas, case_with_a_file):
    """What the attacker left behind: a PDF-headed page named statement.html."""
    attachment = case_with_a_file.attachments.get()
    attachment.file_path.write_bytes(PDF + b"<script>alert('ran')</script>")
    Attachment.objects.filter(pk=attachment.pk).update(name="statement.html")
    client.force_login(personas["officer"])

    response = client.get(reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statement.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEntry.objects.get(action=AuditEntry.Action.EXPORT).detail == "Attachment statement.pdf"
    html = render_to_string("intake/_case_attachments.html", {"case": case_with_a_file})
    assert "statement.pdf" in html and "statement.html" not in html


def test_a_file_of_no_kind_we_know_downloads_as_plain_bytes(client, personas, case_with_a_file):
    attachment = case_with_a_file.attachments.get()
    Attachment.objects.filter(pk=attachment.pk).update(name="page.html", content_type="text/html")
    client.force_login(personas["officer"])

    response = client.get(reverse("attachment_download", args=[case_with_a_file.reference, attachment.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="page.bin"'


def test_files_sent_before_the_check_are_renamed_by_what_they_are(case_with_a_file):
    attachment = case_with_a_file.attachments.get()
    Attachment.objects.filter(pk=attachment.pk).update(name="statement.html")

    import_module("complaints.intake.migrations.0002_attachment_names_by_kind").name_by_kind(apps, None)

    assert Attachment.objects.get(pk=attachment.pk).name == "statement.pdf"
