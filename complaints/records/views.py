"""Staff pages for the other records: costs, Ombudsman cases, members'
correspondence, compliments and the action plan.

Lists and detail pages need VIEW_RECORDS; every add and change page is the one
pair of views below (``add``, ``change``), configured per record by a
``RecordPages`` in the URLconf, and needs CHANGE_RECORDS.
"""

from dataclasses import dataclass
from typing import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from complaints.accounts.access import Action as Permission
from complaints.accounts.access import can, may_see_record, visible_cases, visible_records
from complaints.accounts.decorators import require
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.services import today as service_today
from complaints.casework.lookup import record_refusal
from complaints.records import forms, services
from complaints.records.models import (
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)
from complaints.years import FinancialYear, years_between

# -- Add and change pages -------------------------------------------------------------


@dataclass(frozen=True)
class RecordPages:
    """What the shared add and change pages need to know about one kind of record.

    ``back(obj)`` is where the back link and Cancel go and ``show(obj)`` where a
    save leads (``obj`` is None on an add page for ``back``); both default to the
    list. ``save(form)`` saves the record (``form.save()`` unless given).
    """

    form: type[forms.RecordForm]
    list_url: str
    add_title: str = ""
    change_title: str = ""
    added: str = ""
    changed: str = ""
    save: Callable | None = None
    back: Callable | None = None
    show: Callable | None = None
    audit_detail: str = ""
    template: str = "records/form.html"

    def back_url(self, obj):
        return self.back(obj) if self.back else reverse(self.list_url)

    def show_url(self, obj):
        return self.show(obj) if self.show else reverse(self.list_url)


def _save_page(request, pages: RecordPages, form, *, back_to=None):
    """Show ``form``; on a valid post save it and its audit entry in one
    transaction (nothing half-saved: a rule the service refuses is shown on
    the form), say so, and go on."""
    adding = form.instance._state.adding
    valid = request.method == "POST" and form.is_valid()
    for case in form.refused_cases():
        record_refusal(request, case)
    if valid:
        try:
            with transaction.atomic():
                obj = pages.save(form) if pages.save else form.save()
                audit.record(
                    request, AuditEntry.Action.CREATE if adding else AuditEntry.Action.CHANGE,
                    obj, detail=pages.audit_detail)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, (pages.added if adding else pages.changed).format(obj=obj))
            return redirect(pages.show_url(obj))
    if not adding:
        # The page shows the record: who saw it is in the audit log.
        audit.record(request, AuditEntry.Action.VIEW, form.instance, detail=pages.change_title)
    return render(request, pages.template, {
        "form": form,
        "object": None if adding else form.instance,
        "caption": back_to if adding else form.instance,
        "title": pages.add_title if adding else pages.change_title,
        "back_url": pages.back_url(back_to if adding else form.instance),
    })


def _record_for(request, queryset, pk: int):
    """The record, if the user may see it. One linked to a case they may not
    see answers as a record that does not exist (404), and the attempt is
    recorded on that case's audit trail."""
    obj = get_object_or_404(queryset, pk=pk)
    if hasattr(obj, "case_id") and not may_see_record(request.user, obj):
        record_refusal(request, obj.case)
        raise Http404("No such record")
    return obj


@require(Permission.CHANGE_RECORDS)
def add(request, pages: RecordPages):
    return _save_page(request, pages, pages.form(request.POST or None, user=request.user))


@require(Permission.CHANGE_RECORDS)
def change(request, pages: RecordPages, pk: int):
    obj = _record_for(request, pages.form._meta.model.objects.all(), pk)
    return _save_page(request, pages, pages.form(request.POST or None, instance=obj, user=request.user))


@require(Permission.CHANGE_RECORDS)
def action_update_new(request, pk: int):
    """A dated progress update on an action (the detail page carries the same form)."""
    action = get_object_or_404(Action, pk=pk)
    form = ACTION_UPDATES.form(request.POST or None, instance=ActionUpdate(action=action),
                               user=request.user)
    return _save_page(request, ACTION_UPDATES, form, back_to=action)


def _action_url(action):
    return reverse("action_detail", args=[action.pk])


COSTS = RecordPages(
    forms.CostForm, "cost_list",
    add_title="Add a cost", change_title="Change a cost",
    added="Cost added: {obj}", changed="Cost changed: {obj}",
    show=lambda cost: _in_year_url("cost_list", cost.incurred_on),
)
OMBUDSMAN = RecordPages(
    forms.OmbudsmanCaseForm, "ombudsman_list",
    add_title="Add an Ombudsman case", change_title="Change an Ombudsman case",
    added="Ombudsman case {obj} added", changed="Ombudsman case {obj} changed",
    back=lambda o: reverse("ombudsman_detail", args=[o.pk]) if o else reverse("ombudsman_list"),
    show=lambda o: reverse("ombudsman_detail", args=[o.pk]),
)
MEMBERS = RecordPages(
    forms.MembersEnquiryForm, "members_list",
    add_title="Add a members' enquiry",
    added="Enquiry from {obj.member_name} added: response due {obj.due_on:%A %-d %B %Y}",
    save=lambda form: services.record_members_enquiry(**form.cleaned_data),
    show=lambda e: _in_year_url("members_list", e.received_on),
    template="records/members_form.html",
)
MEMBERS_CHANGE = RecordPages(
    forms.MembersEnquiryChangeForm, "members_list",
    change_title="Change a members' enquiry",
    changed="Enquiry from {obj.member_name} changed: response due {obj.due_on:%A %-d %B %Y}",
    save=lambda form: services.save_members_enquiry(
        form.instance, received_on_changed="received_on" in form.changed_data),
    show=MEMBERS.show,
    template=MEMBERS.template,
)
MEMBERS_RESPONSE = RecordPages(
    forms.MembersResponseForm, "members_list",
    change_title="Record the response",
    changed="Response to {obj.member_name} recorded",
    save=lambda form: services.record_members_response(
        form.instance, on=form.cleaned_data["responded_on"]),
    show=MEMBERS.show,
    audit_detail="Recorded the response",
    template=MEMBERS.template,
)
COMPLIMENTS = RecordPages(
    forms.ComplimentForm, "compliment_list",
    add_title="Add a compliment", change_title="Change a compliment",
    added="Compliment added", changed="Compliment changed",
    save=lambda form: services.save_compliment(form.instance, changed=form.changed_data),
    show=lambda c: _in_year_url("compliment_list", c.received_on),
)
COMPLIMENT_APPROVAL = RecordPages(
    forms.ComplimentApprovalForm, "compliment_list",
    change_title="Approve a compliment for publishing",
    changed="Compliment approved for publishing",
    save=lambda form: services.approve_compliment(
        form.instance, published_text=form.cleaned_data["published_text"], by=form.user),
    show=lambda c: _in_year_url("compliment_list", c.received_on),
    audit_detail="Approved for publishing",
    template="records/compliment_approval.html",
)
ACTIONS = RecordPages(
    forms.ActionForm, "action_list",
    add_title="Add an action", change_title="Change an action",
    added="{obj} added", changed="{obj} changed",
    back=lambda a: _action_url(a) if a else reverse("action_list"),
    show=_action_url,
)
ACTION_UPDATES = RecordPages(
    forms.ActionUpdateForm, "action_list",
    add_title="Add an update", added="Update added to {obj.action}",
    back=_action_url, show=lambda update: _action_url(update.action),
)


# -- Lists and detail pages -----------------------------------------------------------


def _in_year_url(url_name, day):
    return f"{reverse(url_name)}?year={FinancialYear.of(day).start_year}"


def _year_filter(request, queryset):
    """The financial year asked for (?year=2022; this year by default), its
    records, and the filter form offering every year with records. One query."""
    this_year = service_today()
    dated_by = queryset.dated_by
    bounds = queryset.aggregate(first=Min(dated_by), last=Max(dated_by))
    years = years_between(min(bounds["first"] or this_year, this_year),
                          max(bounds["last"] or this_year, this_year))
    form = forms.YearForm(request.GET, years=years, default=FinancialYear.of(this_year))
    year = form.chosen()
    return form, year, queryset.in_year(year)


def _context(request, **extra):
    """What every records page shows: today, and whether the user may change
    records or open cases."""
    return {
        "today": service_today(),
        "can_change": can(request.user, Permission.CHANGE_RECORDS),
        "can_view_cases": can(request.user, Permission.VIEW_CASE),
        **extra,
    }


@require(Permission.VIEW_RECORDS)
def index(request):
    today = service_today()
    return render(request, "records/index.html", _context(
        request,
        overdue_actions=services.overdue_actions(today).count(),
        overdue_remedies=visible_records(
            request.user, OmbudsmanCase.objects.compliance_overdue(today)).count(),
        overdue_enquiries=visible_records(request.user, MembersEnquiry.objects.overdue(today)).count(),
    ))


@require(Permission.VIEW_RECORDS)
def cost_list(request):
    """A year's costs and their totals by category. Three queries."""
    filters, year, costs = _year_filter(request, visible_records(request.user, Cost.objects.all()))
    return render(request, "records/cost_list.html", _context(
        request, filters=filters, year=year, costs=costs.select_related("case"),
        totals=services.cost_totals(costs),
    ))


@require(Permission.VIEW_RECORDS)
def ombudsman_list(request):
    """A year's Ombudsman enquiries, and every case whose remedies are overdue."""
    visible = visible_records(request.user, OmbudsmanCase.objects.select_related("case"))
    filters, year, cases = _year_filter(request, visible)
    today = service_today()
    return render(request, "records/ombudsman_list.html", _context(
        request, filters=filters, year=year, ombudsman_cases=cases,
        overdue=visible.compliance_overdue(today).order_by("compliance_due_on"),
    ))


@require(Permission.VIEW_RECORDS)
def ombudsman_detail(request, pk: int):
    """One Ombudsman case. Viewing one linked to a complaint is recorded against
    that complaint, so its audit trail shows who looked."""
    ombudsman = _record_for(request, OmbudsmanCase.objects.select_related("case"), pk)
    if ombudsman.case_id:
        audit.record(request, AuditEntry.Action.VIEW, ombudsman.case,
                     detail=f"Ombudsman case {ombudsman.reference}")
    return render(request, "records/ombudsman_detail.html", _context(
        request, ombudsman=ombudsman,
        can_view_case=bool(ombudsman.case_id)
        and can(request.user, Permission.VIEW_CASE, ombudsman.case),
    ))


@require(Permission.VIEW_RECORDS)
def members_list(request):
    """A year's members' enquiries and the share answered within target. One
    linked to a restricted case is listed only to the people named on it."""
    filters, year, enquiries = _year_filter(
        request, visible_records(request.user, MembersEnquiry.objects.all()))
    audit.record(request, AuditEntry.Action.VIEW, None, detail=f"Members' correspondence, {year}")
    return render(request, "records/members_list.html", _context(
        request, filters=filters, year=year,
        enquiries=enquiries.select_related("team", "case"),
        summary=services.members_enquiries_summary(enquiries, service_today()),
    ))


@require(Permission.VIEW_RECORDS)
def compliment_list(request):
    filters, year, compliments = _year_filter(request, Compliment.objects.all())
    return render(request, "records/compliment_list.html", _context(
        request, filters=filters, year=year, compliments=compliments.select_related("team"),
        awaiting=compliments.awaiting_approval().count(),
    ))


@require(Permission.CHANGE_RECORDS)
def compliment_withdraw_approval(request, pk: int):
    """Stop quoting a compliment (a post from its approval page)."""
    compliment = get_object_or_404(Compliment, pk=pk)
    if request.method != "POST":
        return redirect("compliment_approve", pk=pk)
    with transaction.atomic():
        services.withdraw_compliment_approval(compliment)
        audit.record(request, AuditEntry.Action.CHANGE, compliment, detail="Approval for publishing withdrawn")
    messages.success(request, "Approval withdrawn: the compliment will not be published")
    return redirect(COMPLIMENT_APPROVAL.show_url(compliment))


@require(Permission.VIEW_RECORDS)
def action_list(request):
    """The whole action plan, in number order, overdue actions flagged."""
    audit.record(request, AuditEntry.Action.VIEW, None, detail="The action plan")
    return render(request, "records/action_list.html", _context(
        request, actions=Action.objects.all(),
    ))


@require(Permission.VIEW_RECORDS)
def action_detail(request, pk: int):
    """One action. The cases it came from, and their points of complaint, are
    shown only as far as the reader may see those cases (access.visible_cases:
    report viewers see none); each case whose points are shown has the view
    on its audit trail."""
    action = get_object_or_404(Action.objects.prefetch_related("updates"), pk=pk)
    cases = list(visible_cases(request.user, action.cases.all()))
    points = list(action.points.filter(case__in=[c.pk for c in cases]).select_related("case")
                  .order_by("case__reference", "number"))
    audit.record(request, AuditEntry.Action.VIEW, action)
    for case in {point.case for point in points}:
        audit.record(request, AuditEntry.Action.VIEW, case, detail=f"Points of complaint on {action}")
    update_form = None
    if can(request.user, Permission.CHANGE_RECORDS):
        update_form = forms.ActionUpdateForm(instance=ActionUpdate(action=action), user=request.user)
    return render(request, "records/action_detail.html", _context(
        request, action=action, cases=cases, points=points, update_form=update_form,
    ))
