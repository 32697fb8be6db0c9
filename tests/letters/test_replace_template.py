"""replace_template: only a real .docx whose merge fields all exist; the
uploaded template is then what letters are made from."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.letters.models import Kind, LetterTemplate
from complaints.letters.services import (
    generate_letter,
    replace_template,
    template_bytes,
    use_built_in_template,
)
from tests.letters.conftest import build_docx, read_docx


def _upload(content: bytes, name="letter.docx"):
    return SimpleUploadedFile(name, content)


def test_an_uploaded_template_is_used_for_the_next_letter(record_complaint, personas):
    admin = personas["admin"]
    template = replace_template(
        Kind.ACKNOWLEDGEMENT,
        _upload(build_docx("Ref {{ case.reference }} for {{complainant.name}}", "{{ ombudsman_text }}")),
        by=admin,
    )
    assert template.uploaded_by == admin and template.filename == "letter.docx"
    case = record_complaint(received_on=date(2022, 12, 16))
    text = read_docx(generate_letter(case, Kind.ACKNOWLEDGEMENT, by=admin).content)
    assert text.startswith("Ref COM-2022-0001 for Sam Taylor\nIf you are still not satisfied")


def test_a_second_upload_replaces_the_first(personas):
    replace_template(Kind.EXTENSION, _upload(build_docx("first")), by=personas["admin"])
    replace_template(Kind.EXTENSION, _upload(build_docx("second")), by=personas["admin"])
    assert LetterTemplate.objects.count() == 1
    assert read_docx(template_bytes(Kind.EXTENSION)) == "second"


def test_a_file_that_is_not_a_word_document_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        replace_template(Kind.ACKNOWLEDGEMENT, _upload(b"%PDF-1.4 not a docx", "letter.pdf"),
                         by=personas["admin"])
    assert refused.value.messages == ["The selected file must be a Word document (.docx)"]
    assert not LetterTemplate.objects.exists()


def test_a_template_with_unknown_merge_fields_is_refused_naming_them(personas):
    content = build_docx("Dear {{ complainant.nmae }}", ["Ref {{ case.", "ref }}"], "{{ case.reference }}")
    with pytest.raises(ValidationError) as refused:
        replace_template(Kind.ACKNOWLEDGEMENT, _upload(content), by=personas["admin"])
    assert refused.value.messages == [
        "The selected file uses merge fields that do not exist: {{ case.ref }}, "
        "{{ complainant.nmae }}. Use only the merge fields listed on this page"
    ]
    assert not LetterTemplate.objects.exists()


def test_a_template_with_a_broken_merge_field_is_refused(personas):
    with pytest.raises(ValidationError, match="not part of a merge field, in: “Dear {{ complainant.name”"):
        replace_template(Kind.ACKNOWLEDGEMENT, _upload(build_docx("Dear {{ complainant.name")),
                         by=personas["admin"])


def test_the_ombudsman_words_cannot_include_themselves(personas):
    with pytest.raises(ValidationError, match="do not exist: {{ ombudsman_text }}"):
        replace_template(Kind.OMBUDSMAN, _upload(build_docx("{{ ombudsman_text }}")), by=personas["admin"])


def test_going_back_to_the_built_in_template(personas):
    replace_template(Kind.ACKNOWLEDGEMENT, _upload(build_docx("mine")), by=personas["admin"])
    assert use_built_in_template(Kind.ACKNOWLEDGEMENT) is True
    assert "Our reference: {{ case.reference }}" in read_docx(template_bytes(Kind.ACKNOWLEDGEMENT))
    assert use_built_in_template(Kind.ACKNOWLEDGEMENT) is False
