"""Staff pages for subject access requests: the list, recording one, its page,
the search and the pack, the pack's download, and the steps that change it
(extend, pack sent, close, refuse). Every page needs HANDLE_SUBJECT_ACCESS;
every search, pack and download is in the audit log."""

from dataclasses import dataclass
from typing import Callable

from django import forms as django_forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from complaints.accounts.access import Action
from complaints.accounts.decorators import require
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.services import format_day, today
from complaints.subject_access import forms, services
from complaints.subject_access.models import Disclosure, SubjectAccessRequest
from complaints.subject_access.pack import build_pack
from complaints.subject_access.search import find

Status = SubjectAccessRequest.Status
# The search and the pack: not once the request is closed or refused.
SEARCHABLE = {Status.OPEN, Status.PACK_SENT}


def _posted(request):
    """The form data when posted (even with nothing ticked), else None: unbound."""
    return request.POST if request.method == "POST" else None


def _request_for(reference: str) -> SubjectAccessRequest:
    return get_object_or_404(SubjectAccessRequest.objects.select_related("created_by"), reference=reference)


@require(Action.HANDLE_SUBJECT_ACCESS)
def request_list(request):
    requests = SubjectAccessRequest.objects.with_deadline()
    return render(request, "subject_access/list.html", {
        "open_requests": requests.open().order_by("effective_due_on", "id"),
        "other_requests": requests.exclude(status=Status.OPEN).order_by("-received_on", "-id"),
        "today": today(),
    })


@require(Action.HANDLE_SUBJECT_ACCESS)
def request_new(request):
    form = forms.RequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        sar = services.record_request(form.new_request(), by=request.user)
        audit.record(request, AuditEntry.Action.CREATE, sar)
        messages.success(request, f"Subject access request {sar.reference} recorded: "
                                  f"due {format_day(sar.due_on)}")
        return redirect("subject_access_detail", reference=sar.reference)
    return render(request, "subject_access/new.html", {"form": form})


@require(Action.HANDLE_SUBJECT_ACCESS)
def request_detail(request, reference):
    sar = _request_for(reference)
    audit.record(request, AuditEntry.Action.VIEW, sar)
    return render(request, "subject_access/detail.html", {
        "sar": sar,
        "disclosures": sar.disclosures.listed(),
        "steps": [(slug, step.title) for slug, step in STEPS.items() if step.offered(sar)],
        "searchable": sar.status in SEARCHABLE,
        "overdue": sar.is_overdue(today()),
        "latest_extension": services.latest_extension(sar.received_on),
    })


@require(Action.HANDLE_SUBJECT_ACCESS)
def search(request, reference):
    """Search the records for the person, show what was found to choose from,
    and make the pack from what is chosen."""
    sar = _request_for(reference)
    if sar.status not in SEARCHABLE:
        messages.error(request, f"The request is {sar.get_status_display().lower()}: "
                                "the records can no longer be searched for it")
        return redirect("subject_access_detail", reference=sar.reference)
    findings = find(sar.subject_name, sar.subject_date_of_birth, sar.subject_email)
    audit.record(request, AuditEntry.Action.VIEW, sar,
                 detail=f"Subject access search for {findings.searched_for()}")
    form = forms.PackForm(_posted(request), findings=findings, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            disclosure = _make_pack(request, sar, form.chosen(), approved_by=form.approved_by())
        messages.success(request, f"Disclosure pack made: {disclosure.filename}")
        return redirect("subject_access_detail", reference=sar.reference)
    return render(request, "subject_access/search.html", {
        "sar": sar, "findings": findings, "form": form,
    })


def _make_pack(request, sar, chosen, *, approved_by) -> Disclosure:
    """Make the pack and audit it: one entry for the pack, and one on each case
    in it, so the case's own audit trail shows its disclosure (and who approved
    a restricted case's)."""
    disclosure = build_pack(sar, chosen, by=request.user, approved_by=approved_by)
    audit.record(request, AuditEntry.Action.CREATE, disclosure,
                 detail=f"Disclosure pack for {sar.reference}: {len(disclosure.records)} records, "
                        f"{disclosure.names_marked} names and details marked for redaction review")
    for finding in chosen.cases:
        approval = f"; restricted, approved by {approved_by}" if finding.case.restricted else ""
        audit.record(request, AuditEntry.Action.EXPORT, finding.case,
                     detail=f"In the disclosure pack {disclosure.filename} for {sar.reference}{approval}")
    return disclosure


@require(Action.HANDLE_SUBJECT_ACCESS)
def download(request, reference, pk):
    disclosure = get_object_or_404(Disclosure, request__reference=reference, pk=pk)
    audit.record(request, AuditEntry.Action.EXPORT, disclosure, detail=f"Downloaded {disclosure.filename}")
    return HttpResponse(
        bytes(disclosure.content),
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, disclosure.filename)},
    )


# -- Steps that change a request ------------------------------------------------------


@dataclass(frozen=True)
class Step:
    title: str
    form: type[django_forms.Form]
    apply: Callable[[SubjectAccessRequest, dict], SubjectAccessRequest]
    done: Callable[[SubjectAccessRequest], str]
    offered: Callable[[SubjectAccessRequest], bool]
    button: str
    # The field a RequestError from ``apply`` belongs to.
    field: str = "on"
    intro: str = ""


STEPS = {
    "extend": Step(
        title="Extend the time to respond",
        form=forms.ExtendForm,
        apply=lambda sar, data: services.extend(
            sar, to=data["extended_to"], reason=data["reason"], told_on=data["told_on"]),
        done=lambda sar: f"Extended to {format_day(sar.extended_to)}",
        offered=lambda sar: sar.is_open,
        button="Extend",
        field="extended_to",
        intro="A complex request, or one of several from the same person, may be extended by two "
              "further months. Tell the requester, with the reason, within one month of receiving it.",
    ),
    "pack-sent": Step(
        title="Record that the pack was sent",
        form=forms.SentForm,
        apply=lambda sar, data: services.mark_pack_sent(sar, on=data["on"]),
        done=lambda sar: f"Pack sent on {format_day(sar.pack_sent_on)}",
        offered=lambda sar: sar.is_open,
        button="Save",
    ),
    "close": Step(
        title="Close the request",
        form=forms.CloseForm,
        apply=lambda sar, data: services.close(sar, on=data["on"], note=data.get("note", "")),
        done=lambda sar: f"Closed on {format_day(sar.closed_on)}",
        offered=lambda sar: sar.status in SEARCHABLE,
        button="Close the request",
    ),
    "refuse": Step(
        title="Refuse the request",
        form=forms.RefuseForm,
        apply=lambda sar, data: services.refuse(sar, reason=data["reason"], on=data["on"]),
        done=lambda sar: f"Refused on {format_day(sar.closed_on)}",
        offered=lambda sar: sar.is_open,
        button="Refuse the request",
        intro="A request may be refused if it is manifestly unfounded or excessive. Tell the "
              "requester why, and that they may complain to the Information Commissioner or go to court.",
    ),
}


@require(Action.HANDLE_SUBJECT_ACCESS)
def change(request, reference, step):
    """Every step that changes a request: check, call one service, audit, go back."""
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404("No such step")
    sar = _request_for(reference)
    if not chosen.offered(sar):
        messages.error(request, f"The request is {sar.get_status_display().lower()}: "
                                f"{chosen.title[:1].lower()}{chosen.title[1:]} is not possible")
        return redirect("subject_access_detail", reference=sar.reference)
    extra = {"sar": sar} if chosen.form is forms.ExtendForm else {}
    form = chosen.form(_posted(request), **extra)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                chosen.apply(sar, form.cleaned_data)
        except services.RequestError as error:
            form.add_error(chosen.field, str(error))
        else:
            done = chosen.done(sar)
            audit.record(request, AuditEntry.Action.CHANGE, sar, detail=done)
            messages.success(request, done)
            return redirect("subject_access_detail", reference=sar.reference)
    return render(request, "subject_access/change.html", {"sar": sar, "step": chosen, "form": form})
