"""The one authorisation function.

Every page, export and report asks ``can(user, action, case=None)``; list
pages narrow their querysets with ``visible_cases(user, queryset)``, which
applies the same rule (``case_scope``), so a list can never show a case its
detail page would refuse.

The other records (complaints.records) are asked about with VIEW_RECORDS and
CHANGE_RECORDS: officers, managers and administrators keep them; heads of
service and report viewers may read them; responding managers may do neither.
"""

from enum import StrEnum

from django.apps import apps
from django.db.models import Exists, OuterRef, Q

from complaints.accounts.models import User

Role = User.Role


class Action(StrEnum):
    MY_WORK = "my_work"
    LIST_CASES = "list_cases"
    VIEW_CASE = "view_case"
    CHANGE_CASE = "change_case"
    CREATE_CASE = "create_case"
    CALCULATE_DUE_DATES = "calculate_due_dates"
    VIEW_REPORTS = "view_reports"
    VIEW_EQUALITY_DATA = "view_equality_data"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_REFERENCE_DATA = "manage_reference_data"
    VIEW_RECORDS = "view_records"
    CHANGE_RECORDS = "change_records"
    # Enter earlier years' figures and the service population, and write a
    # report section's paragraph: the complaints team compiles the report.
    EDIT_REPORTS = "edit_reports"
    # Restrict a case to named people, or put it on legal hold.
    RESTRICT_CASES = "restrict_cases"
    # Confirm the destruction of records past their retention date.
    MANAGE_RETENTION = "manage_retention"
    # The annual report's internal edition: every count, none suppressed.
    VIEW_INTERNAL_REPORT = "view_internal_report"
    # Import records from a spreadsheet (complaints.transfer): the complaints team's managers.
    IMPORT_RECORDS = "import_records"
    # Export every record, equality data included: administrators only.
    EXPORT_RECORDS = "export_records"
    # Subject access requests (complaints.subject_access): search every record for
    # a person, restricted cases they are a party to included, and make their pack.
    HANDLE_SUBJECT_ACCESS = "handle_subject_access"
    # Approve a restricted case going into a subject access pack: the second
    # person a restricted case's disclosure needs (complaints.subject_access).
    APPROVE_RESTRICTED_DISCLOSURE = "approve_restricted_disclosure"
    # Direct a case: decide its procedure, allocate it, extend a stage, record
    # a withdrawal. The complaints team's decisions: a responding manager
    # drafts and sees the cases allocated to them, and directs none.
    DIRECT_CASE = "direct_case"


_CASEWORK = {
    Action.MY_WORK,
    Action.LIST_CASES,
    Action.VIEW_CASE,
    Action.CHANGE_CASE,
    Action.CALCULATE_DUE_DATES,
}

# The other records (costs, Ombudsman cases, members' correspondence,
# compliments, the action plan: complaints.records) are the complaints team's
# to keep, so officers, managers and administrators may view and change them.
# Heads of service and report viewers may view them: they feed the annual and
# quarterly reports those roles read. Responding managers may do neither: they
# answer the cases allocated to them, and these records span every team.
_RECORDS = {Action.VIEW_RECORDS, Action.CHANGE_RECORDS}

# What each role may do at all. Which cases it may do it to is case_scope's job.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.OFFICER: frozenset(
        _CASEWORK | _RECORDS
        | {Action.CREATE_CASE, Action.VIEW_REPORTS, Action.EDIT_REPORTS, Action.DIRECT_CASE}
    ),
    Role.MANAGER: frozenset(
        _CASEWORK | _RECORDS
        | {Action.CREATE_CASE, Action.VIEW_REPORTS, Action.EDIT_REPORTS, Action.VIEW_EQUALITY_DATA,
           Action.DIRECT_CASE,
           Action.VIEW_INTERNAL_REPORT, Action.IMPORT_RECORDS, Action.RESTRICT_CASES,
           Action.MANAGE_RETENTION, Action.HANDLE_SUBJECT_ACCESS,
           Action.APPROVE_RESTRICTED_DISCLOSURE}
    ),
    Role.RESPONDING: frozenset(_CASEWORK),
    Role.HEAD: frozenset(
        _CASEWORK - {Action.CHANGE_CASE} | {Action.VIEW_REPORTS, Action.VIEW_RECORDS}
    ),
    Role.REPORTS: frozenset({Action.VIEW_REPORTS, Action.VIEW_RECORDS}),
    Role.ADMIN: frozenset(Action),
}

CASE_ACTIONS = frozenset({Action.VIEW_CASE, Action.CHANGE_CASE})

_NOTHING = Q(pk__in=[])


def case_scope(user) -> Q:
    """The cases this user may see, as a filter on Case. No query.

    A restricted case is seen only by the people named on it and
    administrators, whatever their role would otherwise allow.
    """
    if not user.is_authenticated or not user.is_active:
        return _NOTHING
    match user.role:
        case Role.ADMIN:
            return Q()
        case Role.OFFICER | Role.MANAGER:
            scope = Q()
        case Role.RESPONDING:
            mine = Q(officer=user)
            scope = mine | Q(team_id=user.team_id) if user.team_id else mine
        case Role.HEAD:
            if not user.service_area_id:
                return _NOTHING
            scope = Q(team__service_area_id=user.service_area_id)
        case _:
            return _NOTHING
    return scope & _restriction(user, "", "pk")


def _restriction(user, via: str, case_id: str) -> Q:
    """The restriction rule: unrestricted, or the user is named. A filter on
    Case (``via`` "", ``case_id`` "pk") or on a record linked to one
    (``via`` "case__", ``case_id`` "case_id")."""
    # Looked up here: casework builds on accounts, not the other way round.
    named = apps.get_model("casework", "Case").restricted_to.through.objects.filter(
        case_id=OuterRef(case_id), user_id=user.pk)
    return Q(**{f"{via}restricted": False}) | Q(Exists(named))


def can(user, action: Action, case=None) -> bool:
    """May ``user`` do ``action`` (to ``case``, for case actions)?

    Costs one query when a case is given and the role's scope is limited.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if action not in ROLE_ACTIONS.get(user.role, frozenset()):
        return False
    if case is None:
        return True
    if user.role == Role.ADMIN:
        return True
    return type(case).objects.filter(case_scope(user), pk=case.pk).exists()


def visible_cases(user, queryset):
    """Narrow a Case queryset to what ``user`` may see (the rule ``can`` applies)."""
    if not can(user, Action.LIST_CASES) and not can(user, Action.MY_WORK):
        return queryset.none()
    return queryset.filter(case_scope(user))


def visible_records(user, queryset):
    """Narrow a queryset of records with a ``case`` (costs, Ombudsman cases,
    members' enquiries) to those ``user`` may see: the role must allow
    VIEW_RECORDS, and a record linked to a restricted case is seen only by the
    people named on that case and administrators, as the case itself is.
    No query."""
    if not can(user, Action.VIEW_RECORDS):
        return queryset.none()
    if user.role == Role.ADMIN:
        return queryset
    return queryset.filter(Q(case=None) | _restriction(user, "case__", "case_id"))


def may_see_record(user, record) -> bool:
    """Whether ``user`` may see this one record (the rule of ``visible_records``).
    One query, none for a record with no case or an administrator."""
    if not can(user, Action.VIEW_RECORDS):
        return False
    if record.case_id is None or user.role == Role.ADMIN:
        return True
    return visible_records(user, type(record).objects.filter(pk=record.pk)).exists()


def roles_that_may(action: Action) -> set[str]:
    """The roles whose users may do ``action`` at all."""
    return {role for role, actions in ROLE_ACTIONS.items() if action in actions}
