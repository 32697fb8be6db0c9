"""The service's navigation: the project's, since it names every app's pages. A
context processor (settings.TEMPLATES): each signed-in person sees the pages the
one authorisation function lets them open."""

from django.conf import settings
from django.urls import reverse

from complaints.accounts.access import Action, can
from complaints.records.urls import RECORDS_PAGES
from complaints.reports.urls import REPORTS_PAGES
from complaints.subject_access.urls import SUBJECT_ACCESS_PAGES
from complaints.transfer.urls import TRANSFER_PAGES

# (label, url name, action that shows it, url names that mark it active)
NAVIGATION = [
    ("My work", "my_work", Action.MY_WORK, {"my_work"}),
    ("Cases", "case_list", Action.LIST_CASES, {"case_list", "case_detail"}),
    ("Record a complaint", "case_new", Action.CREATE_CASE, {"case_new"}),
    ("Due date calculator", "calculator", Action.CALCULATE_DUE_DATES, {"calculator"}),
    ("Records", "records_index", Action.VIEW_RECORDS, RECORDS_PAGES),
    ("Reports", "reports_index", Action.VIEW_REPORTS, REPORTS_PAGES),
    ("Import and export", "transfer_import", Action.IMPORT_RECORDS, TRANSFER_PAGES),
    ("Subject access", "subject_access_list", Action.HANDLE_SUBJECT_ACCESS, SUBJECT_ACCESS_PAGES),
    ("Audit log", "audit_log", Action.VIEW_AUDIT_LOG, {"audit_log"}),
    ("Reference data", "admin:index", Action.MANAGE_REFERENCE_DATA, set()),
]


def service(request):
    user = getattr(request, "user", None)
    current = getattr(getattr(request, "resolver_match", None), "view_name", None)
    nav_items = []
    if user is not None and user.is_authenticated:
        nav_items = [
            {"label": label, "url": reverse(name), "active": current in active}
            for label, name, action, active in NAVIGATION
            if can(user, action)
        ]
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "nav_items": nav_items,
    }
