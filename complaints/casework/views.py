from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from complaints.accounts.access import Action, can, visible_cases
from complaints.accounts.decorators import require
from complaints.accounts.models import User
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework import procedure, services
from complaints.casework.actions import ACTIONS, offered_actions
from complaints.casework.forms import CalculatorForm, CaseFilterForm, CaseForm
from complaints.casework.lookup import case_for
from complaints.casework.models import Case, with_next_due


@require(Action.MY_WORK)
def my_work(request):
    today = services.today()
    cal = services.calendar("statutory")
    soon = cal.add_working_days(today, settings.DUE_SOON_WORKING_DAYS)
    mine = with_next_due(visible_cases(request.user, Case.objects.open()).filter(officer=request.user))
    context = {
        "today": today,
        "soon": soon,
        "due_soon_days": settings.DUE_SOON_WORKING_DAYS,
        "overdue": mine.overdue(today).order_by("next_due_on"),
        "due_soon": mine.due_between(today, soon).order_by("next_due_on"),
        "open_cases": mine.order_by("next_due_on"),
        "unallocated": None,
        "overdue_actions": None,
    }
    if can(request.user, Action.VIEW_RECORDS):
        # Imported here: the records app builds on casework, not the other way round.
        from complaints.records.services import overdue_actions

        context["overdue_actions"] = overdue_actions(today)
    if request.user.role in {User.Role.OFFICER, User.Role.MANAGER, User.Role.ADMIN}:
        context["unallocated"] = with_next_due(
            visible_cases(request.user, Case.objects.open()).filter(officer=None)
        ).order_by("received_on")
    return render(request, "casework/my_work.html", context)


@require(Action.LIST_CASES)
def case_list(request):
    today = services.today()
    # The report's drill-down is for those whose report figures link here
    # (complaints.reports.views.drills_down): published figures never list cases.
    filters = CaseFilterForm(request.GET or None, drill_down=can(request.user, Action.VIEW_INTERNAL_REPORT))
    cases = filters.filter(visible_cases(request.user, Case.objects.all()), today)
    # A search by name finds people: who searched for whom is in the audit log.
    if filters.is_valid() and (searched := filters.cleaned_data["q"].strip()):
        audit.record(request, AuditEntry.Action.VIEW, None, detail=f"Case list searched for “{searched}”")
    page = Paginator(with_next_due(cases), settings.CASE_LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/case_list.html",
        {"filters": filters, "page": page, "today": today, "query": query.urlencode()},
    )


def _allowed(user, case):
    """Whether ``user`` may do a step's ``requires`` to ``case``: asked once per
    distinct permission (each may cost a query), not once per step."""
    answers = {action: can(user, action, case) for action in {step.requires for step in ACTIONS.values()}}
    return answers.__getitem__


@require(Action.VIEW_CASE)
def case_detail(request, reference):
    case = case_for(request, reference, Action.VIEW_CASE)
    audit.record(request, AuditEntry.Action.VIEW, case)
    stages = list(case.stages.all())
    current = next((s for s in stages if s.number == case.current_stage), None)
    can_change = can(request.user, Action.CHANGE_CASE, case)
    return render(
        request,
        "casework/case_detail.html",
        {
            "case": case,
            "stages": stages,
            "current_stage": current,
            "actions": offered_actions(case, current, _allowed(request.user, case)) if can_change else [],
            "letters": case.letters.listed(),
            "timeline": case.timeline.select_related("by"),
            "today": services.today(),
            "can_change": can_change,
            "can_see_equality": can(request.user, Action.VIEW_EQUALITY_DATA, case),
        },
    )


@require(Action.CREATE_CASE)
def case_new(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.record_case(form.new_case(), by=request.user)
        audit.record(request, AuditEntry.Action.CREATE, case)
        messages.success(request, f"{case.get_kind_display()} {case.reference} recorded")
        return redirect("case_detail", reference=case.reference)
    return render(request, "casework/case_new.html", {"form": form})


@require(Action.CALCULATE_DUE_DATES)
def calculator(request):
    form = CalculatorForm(request.GET or None)
    due = None
    if request.GET and form.is_valid():
        due = form.cleaned_data["due"]
    return render(request, "casework/calculator.html", {"form": form, "due": due})




@require(Action.CHANGE_CASE)
def case_action(request, reference, action):
    """Every staff action on a case: check, call one domain function, render."""
    step = ACTIONS.get(action)
    if step is None:
        raise Http404("No such action")
    case = case_for(request, reference, step.requires)
    form = step.form(request.POST or None, case=case, initial={"version": case.version})
    title = step.title_for(case)
    if request.method == "POST" and form.is_valid():
        try:
            # All of the step or none of it: a refusal leaves nothing half-saved.
            with transaction.atomic():
                step.apply(case, form.cleaned_data, request.user, form.cleaned_data["version"])
        except procedure.ProcedureError as error:
            form.add_error(None, str(error))
        else:
            audit.record(request, AuditEntry.Action.CHANGE, case, detail=title)
            messages.success(request, step.success)
            return redirect("case_detail", reference=case.reference)
    # The form shows the case's details: who saw it is on its audit trail.
    audit.record(request, AuditEntry.Action.VIEW, case, detail=title)
    return render(request, "casework/case_action.html",
                  {"case": case, "form": form, "step": step, "title": title})
