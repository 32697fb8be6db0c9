"""Letters on a case, and the templates administrators replace."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.services import ProcedureError
from complaints.casework.lookup import case_for
from complaints.letters import fields, services
from complaints.letters.forms import TemplateUploadForm
from complaints.letters.models import GeneratedLetter, Kind


def _docx(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        bytes(content),
        content_type=services.DOCX_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _kind(kind: str, kinds) -> Kind:
    if kind not in kinds:
        raise Http404("No letter of that kind")
    return Kind(kind)


@require(Action.VIEW_CASE)
def case_letters(request, reference):
    case = case_for(request, reference, Action.VIEW_CASE)
    audit.record(request, AuditEntry.Action.VIEW, case, detail="Letters")
    can_change = can(request.user, Action.CHANGE_CASE, case)
    return render(request, "letters/case_letters.html", {
        "case": case,
        "letters": case.letters.listed(),
        "choices": services.letter_choices(case) if can_change else [],
        "can_change": can_change,
    })


@require(Action.CHANGE_CASE)
def generate(request, reference, kind):
    case = case_for(request, reference, Action.CHANGE_CASE)
    kind = _kind(kind, Kind.letters())
    if request.method == "POST":
        try:
            letter = services.generate_letter(case, kind, by=request.user)
        except ProcedureError as error:
            messages.error(request, str(error))
        else:
            audit.record(request, AuditEntry.Action.CREATE, letter, detail=kind.label)
            messages.success(request, f"{kind.label} generated: {letter.filename}")
    return redirect("case_letters", reference=case.reference)


@require(Action.VIEW_CASE)
def download(request, reference, pk):
    case = case_for(request, reference, Action.VIEW_CASE)
    letter = get_object_or_404(GeneratedLetter, case=case, pk=pk)
    audit.record(request, AuditEntry.Action.EXPORT, letter, detail=f"Downloaded {letter.filename}")
    return _docx(letter.content, letter.filename)


@require(Action.MANAGE_REFERENCE_DATA)
def template_list(request):
    return render(request, "letters/templates.html", {"templates": services.templates_in_use()})


@require(Action.MANAGE_REFERENCE_DATA)
def template_download(request, kind):
    kind = _kind(kind, Kind)
    return _docx(services.template_bytes(kind), f"{kind.value.replace('_', '-')}-template.docx")


@require(Action.MANAGE_REFERENCE_DATA)
def template_replace(request, kind):
    kind = _kind(kind, Kind)
    posted = (request.POST, request.FILES) if request.method == "POST" else ()
    form = TemplateUploadForm(*posted, kind=kind)
    if form.is_valid():
        template = services.replace_template(kind, form.cleaned_data["file"], by=request.user)
        audit.record(request, AuditEntry.Action.CHANGE, template, detail=f"Uploaded {template.filename}")
        messages.success(request, f"{kind.label}: the uploaded template is now in use")
        return redirect("letter_templates")
    in_use = next(t for t in services.templates_in_use() if t.kind == kind)
    merge_fields = {
        name: text for name, text in fields.FIELDS.items()
        if kind != Kind.OMBUDSMAN or name != fields.OMBUDSMAN_TEXT
    }
    return render(request, "letters/template_replace.html", {
        "form": form, "kind": kind, "in_use": in_use, "merge_fields": merge_fields,
    })


@require(Action.MANAGE_REFERENCE_DATA)
def template_reset(request, kind):
    kind = _kind(kind, Kind)
    if request.method == "POST" and services.use_built_in_template(kind):
        audit.record(request, AuditEntry.Action.DELETE, None,
                     detail=f"{kind.label}: back to the built-in template")
        messages.success(request, f"{kind.label}: the built-in template is now in use")
    return redirect("letter_templates")
