"""Permission matrix rows for the reports' staff pages (complaints.reports.views).

url name -> (how to build the URL from the test case, the roles allowed);
see test_permission_matrix.py for the role names.

Everyone who may view reports sees the published edition; only managers and
administrators the internal one (every count, none suppressed).
"""

from django.urls import reverse

VIEW = {"officer", "manager", "head", "reports", "admin"}
INTERNAL = {"manager", "admin"}

REPORTS_MATRIX = {
    "reports_index": (lambda c: reverse("reports_index"), VIEW),
    "report_annual": (lambda c: reverse("report_annual", args=["2022-23"]), VIEW),
    "report_annual (internal edition)": (
        lambda c: reverse("report_annual", args=["2022-23"]) + "?edition=internal", INTERNAL),
    "report_annual_download": (
        lambda c: reverse("report_annual_download", args=["2022-23", "json"]), VIEW),
    "report_annual_download (internal edition)": (
        lambda c: reverse("report_annual_download", args=["2022-23", "json"]) + "?edition=internal",
        INTERNAL),
    "report_quarterly": (lambda c: reverse("report_quarterly", args=["2022-23-Q3"]), VIEW),
    "report_quarterly_download": (
        lambda c: reverse("report_quarterly_download", args=["2022-23-Q3", "json"]), VIEW),
}
