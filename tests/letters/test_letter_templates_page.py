"""The administrators' letter templates pages: download, replace, go back to
the built-in template."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.letters.models import LetterTemplate
from complaints.letters.services import DOCX_TYPE
from tests.letters.conftest import build_docx, read_docx


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas["admin"])
    return client


def _replace(kind="acknowledgement"):
    return reverse("letter_template_replace", args=[kind])


def test_every_kind_is_listed_with_the_built_in_template_in_use(admin_client):
    html = admin_client.get(reverse("letter_templates")).content.decode()
    assert html.count("Built-in template") == 6
    assert "How to go to the Ombudsman" in html


def test_the_built_in_template_downloads_with_its_merge_fields(admin_client):
    response = admin_client.get(reverse("letter_template_download", args=["acknowledgement"]))
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="acknowledgement-template.docx"'
    assert "Dear {{ complainant.name }}" in read_docx(response.content)


def test_the_replace_page_lists_the_merge_fields(admin_client):
    html = admin_client.get(_replace()).content.decode()
    assert "<code>{{ stage1.due_on }}</code>" in html
    assert "<code>{{ ombudsman_text }}</code>" in html
    assert "<code>{{ ombudsman_text }}</code>" not in admin_client.get(_replace("ombudsman")).content.decode()


def test_uploading_a_template_puts_it_in_use_and_audits_it(admin_client, personas):
    upload = SimpleUploadedFile("ours.docx", build_docx("Dear {{ complainant.name }}"))
    response = admin_client.post(_replace(), {"file": upload})
    assert response.status_code == 302 and response["Location"] == reverse("letter_templates")
    template = LetterTemplate.objects.get(kind="acknowledgement")
    assert template.uploaded_by == personas["admin"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE, detail="Uploaded ours.docx").exists()
    assert "ours.docx, uploaded" in admin_client.get(reverse("letter_templates")).content.decode()


@pytest.mark.parametrize(("content", "message"), [
    (b"not a word document", "The selected file must be a Word document (.docx)"),
    (build_docx("Dear {{ name }}"), "The selected file uses merge fields that do not exist: {{ name }}."),
])
def test_a_refused_upload_is_shown_as_a_govuk_error(admin_client, content, message):
    response = admin_client.post(_replace(), {"file": SimpleUploadedFile("x.docx", content)})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert message in html and "<title>Error: " in html
    assert not LetterTemplate.objects.exists()


def test_uploading_nothing_asks_for_a_file(admin_client):
    assert "Select a Word document" in admin_client.post(_replace(), {}).content.decode()


def test_going_back_to_the_built_in_template(admin_client):
    admin_client.post(_replace(), {"file": SimpleUploadedFile("x.docx", build_docx("mine"))})
    response = admin_client.post(reverse("letter_template_reset", args=["acknowledgement"]))
    assert response.status_code == 302
    assert not LetterTemplate.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).exists()


def test_an_unknown_kind_is_not_found(admin_client):
    assert admin_client.get(_replace("apology")).status_code == 404


def test_only_administrators_may_replace_templates(client, personas):
    client.force_login(personas["manager"])
    upload = SimpleUploadedFile("x.docx", build_docx("mine"))
    assert client.post(_replace(), {"file": upload}).status_code == 403
    assert client.post(reverse("letter_template_reset", args=["acknowledgement"])).status_code == 403
    assert not LetterTemplate.objects.exists()


def test_the_reference_data_site_leads_to_the_templates_page(admin_client):
    assert "Letter templates" in admin_client.get(reverse("admin:index")).content.decode()
    response = admin_client.get(reverse("admin:letters_lettertemplate_changelist"))
    assert response["Location"] == reverse("letter_templates")
