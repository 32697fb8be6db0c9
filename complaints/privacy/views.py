"""The retention review (a complaints manager confirms what is destroyed), a
case's equality monitoring, with erasure at the person's request, and the audit
log's pages for administrators (the search, and unusual access)."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.audit import audit
from complaints.audit.forms import AuditSearchForm
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case
from complaints.casework.lookup import case_for
from complaints.privacy import erasure, retention, unusual
from complaints.privacy.models import DestructionRecord, RecordType
from complaints.records.models import Compliment, MembersEnquiry

MODELS = {RecordType.COMPLAINT: Case, RecordType.ENQUIRY: Case, RecordType.MEMBERS: MembersEnquiry,
          RecordType.COMPLIMENT: Compliment}


@require(Action.MANAGE_RETENTION)
def review(request):
    """Records past their retention date: tick those to destroy (or select a
    whole group at once), and confirm. A refused post shows the page again with
    the ticks kept."""
    due = retention.due()
    for group in due:
        for record in group.records:
            record.retention_key = f"{group.record_type}:{record.pk}"  # the checkbox's value
    keys = {str(group.record_type): [record.retention_key for record in group.records] for group in due}
    chosen, errors = set(), []
    if request.method == "POST":
        chosen = set(request.POST.getlist("record"))
        select = request.POST.get("select")
        if select:  # "Select all" (a group's, or every group's): no destruction, the page again
            for record_type, group_keys in keys.items():
                if select in {record_type, "all"}:
                    chosen |= set(group_keys)
        elif request.POST.get("clear"):
            chosen = set()
        elif not chosen:
            errors.append(("record", "Select the records to destroy"))
        elif request.POST.get("confirm") != "yes":
            errors.append(("confirm", "Confirm that the selected records should be destroyed"))
        else:
            return _destroy(request, due, chosen)
    return render(request, "privacy/review.html", {
        "due": due, "chosen": chosen, "errors": errors, "count": sum(map(len, keys.values())),
        "log": DestructionRecord.objects.select_related("destroyed_by")[:50]})


def _destroy(request, due, chosen):
    """Destroy the chosen records that are still due, in one transaction."""
    allowed = {record.retention_key: record for group in due for record in group.records}
    destroyed = 0
    with transaction.atomic():
        for key in sorted(chosen):
            record = allowed.get(key)
            if record is None:
                continue  # no longer due (held, already destroyed): left alone
            entry = retention.destroy(record, by=request.user)
            audit.record(request, AuditEntry.Action.DELETE, None,
                         detail=f"Destroyed {entry.reference} under the rule: {entry.rule}")
            destroyed += 1
    messages.success(request, f"{destroyed} record{'s' if destroyed != 1 else ''} destroyed; "
                              "their statistics are kept")
    return redirect("retention_review")


@require(Action.VIEW_EQUALITY_DATA)
def equality(request, reference):
    """The equality monitoring of a case's children: only for those allowed
    to see it, and never on the case-handling pages."""
    case = case_for(request, reference, Action.VIEW_CASE)
    if not can(request.user, Action.VIEW_EQUALITY_DATA, case):
        raise PermissionDenied
    audit.record(request, AuditEntry.Action.VIEW, case, detail="Equality monitoring")
    if request.method == "POST":
        try:  # the button names one of the case's children; anything else is not found
            child = forms.ModelChoiceField(queryset=case.children.all()).clean(request.POST.get("child"))
        except ValidationError:
            raise Http404("No such child on this case") from None
        erasure.erase_monitoring(child)
        audit.record(request, AuditEntry.Action.DELETE, case,
                     detail="Equality monitoring of one child erased at the person's request")
        messages.success(request, "Equality monitoring erased. Published figures for closed years are unchanged")
        return redirect("case_equality", reference=case.reference)
    children = case.children.select_related("monitoring__ethnicity", "monitoring__religion").prefetch_related(
        "monitoring__disabilities")
    return render(request, "privacy/equality.html", {"case": case, "children": children})


@require(Action.VIEW_AUDIT_LOG)
def unusual_access(request):
    """Users who opened many cases outside their own team (or service area) in
    a day, over the last fortnight: what an information governance lead looks
    at first."""
    since = timezone.localdate() - timedelta(days=settings.AUDIT_UNUSUAL_DAYS)
    findings = unusual.find(since=since, threshold=settings.AUDIT_UNUSUAL_CASES_PER_DAY)
    return render(request, "privacy/unusual_access.html", {
        "findings": findings, "since": since, "threshold": settings.AUDIT_UNUSUAL_CASES_PER_DAY})


@require(Action.VIEW_AUDIT_LOG)
def audit_log(request):
    """The audit log, searched by who, what they did, which record and when."""
    form = AuditSearchForm(request.GET or None)
    entries = form.filter(AuditEntry.objects.select_related("user"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "privacy/audit_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )
