"""Making a case's letters, and replacing the templates they are made from."""

from dataclasses import dataclass
from io import BytesIO

import docx
from django.core.exceptions import ValidationError
from django.db import transaction

from complaints.casework import services as casework
from complaints.casework.models import Case
from complaints.casework.services import ProcedureError
from complaints.letters import fields, merge
from complaints.letters.defaults import default_template
from complaints.letters.models import GeneratedLetter, Kind, LetterTemplate

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class MissingFacts(ProcedureError):
    """The letter needs facts this case does not have yet (a Stage 2, an officer)."""


# -- Templates ------------------------------------------------------------------------


def templates() -> dict[str, bytes]:
    """Every kind's template in use: the uploaded one, else the built-in one. One query."""
    uploaded = dict(LetterTemplate.objects.values_list("kind", "content"))
    return {kind: bytes(uploaded[kind]) if kind in uploaded else default_template(kind) for kind in Kind}


def template_bytes(kind: str) -> bytes:
    uploaded = LetterTemplate.objects.filter(kind=kind).values_list("content", flat=True).first()
    return bytes(uploaded) if uploaded is not None else default_template(kind)


def _known_fields(kind: str) -> set[str]:
    # The ombudsman words cannot include themselves.
    return set(fields.FIELDS) - {fields.OMBUDSMAN_TEXT} if kind == Kind.OMBUDSMAN else set(fields.FIELDS)


def _braces(names) -> str:
    return ", ".join(f"{{{{ {name} }}}}" for name in sorted(names))


def check_template(kind: str, content: bytes) -> None:
    """Refuse (ValidationError) a file that is not a Word document, or that uses a
    merge field that does not exist: such a template would make broken letters."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError("The selected file must be smaller than 5MB", code="too_big")
    try:
        document = docx.Document(BytesIO(content))
    except Exception:  # python-docx raises many kinds for a file that is not a .docx
        raise ValidationError(
            "The selected file must be a Word document (.docx)", code="not_docx"
        ) from None
    names, stray = merge.placeholders(document)
    errors = []
    unknown = names - _known_fields(kind)
    if unknown:
        errors.append(ValidationError(
            f"The selected file uses merge fields that do not exist: {_braces(unknown)}. "
            "Use only the merge fields listed on this page",
            code="unknown_fields",
        ))
    if stray:
        errors.append(ValidationError(
            f"The selected file has {{{{ or }}}} that is not part of a merge field, in: "
            f"“{stray[0]}”. Write each merge field as {{{{ name }}}}",
            code="stray_braces",
        ))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def replace_template(kind: str, uploaded_file, *, by) -> LetterTemplate:
    """Use ``uploaded_file`` (a Django UploadedFile) for ``kind`` from now on,
    after check_template passes it."""
    uploaded_file.seek(0)
    content = uploaded_file.read()
    check_template(kind, content)
    template, _ = LetterTemplate.objects.update_or_create(
        kind=kind,
        defaults={"content": content, "filename": uploaded_file.name[:200], "uploaded_by": by},
    )
    return template


def use_built_in_template(kind: str) -> bool:
    """Go back to the built-in template for ``kind``; False if it was already in use."""
    deleted, _ = LetterTemplate.objects.filter(kind=kind).delete()
    return bool(deleted)


@dataclass
class TemplateInUse:
    kind: Kind
    uploaded: LetterTemplate | None


def templates_in_use() -> list[TemplateInUse]:
    """Each kind with its uploaded template, if any. One query."""
    uploaded = {t.kind: t for t in LetterTemplate.objects.defer("content").select_related("uploaded_by")}
    return [TemplateInUse(kind, uploaded.get(kind)) for kind in Kind]


# -- Letters --------------------------------------------------------------------------


@dataclass
class LetterChoice:
    kind: Kind
    # Why the letter cannot be made for this case yet; empty when it can.
    problem: str


def _needs(document, values: dict) -> str:
    """Why ``document`` cannot be merged with ``values`` yet, or ""."""
    names, _ = merge.placeholders(document)
    unknown = names - set(values)
    if unknown:
        return (f"its template uses merge fields that no longer exist ({_braces(unknown)}): "
                "an administrator must upload a corrected template")
    reasons = dict.fromkeys(
        values[name].reason for name in sorted(names) if isinstance(values[name], fields.Missing)
    )
    return "; ".join(reasons)


def _values(case: Case, documents: dict[str, bytes], today, signatory=None) -> dict:
    """The merge fields for ``case``, the ombudsman words merged in, signed by ``signatory``."""
    ombudsman = docx.Document(BytesIO(documents[Kind.OMBUDSMAN]))
    values = fields.values(case, today=today, ombudsman_text=fields.Missing(""), signatory=signatory)
    missing = _needs(ombudsman, values)
    if missing:
        text = fields.Missing(missing)
    else:
        merge.merge(ombudsman, values)
        text = "\n".join(merge.texts(ombudsman)).strip()
    values[fields.OMBUDSMAN_TEXT] = text
    return values


def letter_choices(case: Case) -> list[LetterChoice]:
    """Every kind of letter, with why it cannot be made for ``case`` yet.
    One query for the templates."""
    documents = templates()
    values = _values(case, documents, casework.today())
    return [
        LetterChoice(kind, _needs(docx.Document(BytesIO(documents[kind])), values))
        for kind in Kind.letters()
    ]


@transaction.atomic
def generate_letter(case: Case, kind: str, *, by) -> GeneratedLetter:
    """Make a ``kind`` letter for ``case`` from the template in use, keep it on
    the case and say so on the timeline. Raises MissingFacts when the template
    needs something the case does not have yet, rather than leave a blank."""
    if kind not in Kind.letters():
        raise ProcedureError(f"There is no letter called {kind!r}")
    kind = Kind(kind)
    today = casework.today()
    documents = templates()
    values = _values(case, documents, today, signatory=by)
    document = docx.Document(BytesIO(documents[kind]))
    needs = _needs(document, values)
    if needs:
        raise MissingFacts(f"{kind.label} cannot be made yet: {needs}.")
    merge.merge(document, values)
    out = BytesIO()
    document.save(out)
    letter = GeneratedLetter.objects.create(
        case=case,
        kind=kind,
        created_by=by,
        content=out.getvalue(),
        filename=f"{case.reference}-{kind.value.replace('_', '-')}-{today.isoformat()}.docx",
    )
    who = f" by {by.get_full_name() or by.get_username()}" if by else ""
    casework.note(case, f"Letter generated{who}: {kind.label} ({letter.filename}).", by=by)
    return letter
