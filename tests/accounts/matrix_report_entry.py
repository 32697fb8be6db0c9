"""Permission matrix rows for the report figures and paragraph pages
(complaints.reports.entry)."""

from django.urls import reverse

COMPILERS = {"officer", "manager", "admin"}

REPORT_ENTRY_MATRIX = {
    "report_figures": (lambda c: reverse("report_figures", args=["2020-21"]), COMPILERS),
    "report_section": (lambda c: reverse("report_section", args=["2021-22", "totals"]), COMPILERS),
}
