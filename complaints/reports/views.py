"""The reports' staff pages: choosing an annual report, the report as a page,
and its downloads (each one audited).

Everyone who may view reports sees the published edition (small counts
suppressed); managers and administrators may see the internal one too. The
quarterly report, for senior managers, is counts, never names: internal for
those who may see the internal edition, otherwise suppressed as the annual
published edition is, so that its quarters never give back what that hides.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaints.accounts.access import Action, can, visible_cases
from complaints.accounts.decorators import require
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case
from complaints.casework.services import today
from complaints.years import FinancialYear, years_between
from complaints.reports import annual as annual_report
from complaints.reports import quarterly
from complaints.reports.forms import ReportChoiceForm
from complaints.reports.render import FORMATS, html
from complaints.reports.render import render as render_report

EDITIONS = ("published", "internal")


@require(Action.VIEW_REPORTS)
def index(request):
    """Choose a financial year (from the earliest case's to this one) and an edition."""
    this_day = today()
    first = Case.objects.aggregate(first=Min("received_on"))["first"] or this_day
    years = years_between(min(first, this_day), this_day)
    last_complete = FinancialYear.of(this_day).previous
    form = ReportChoiceForm(
        request.GET or None, years=years,
        default=last_complete if last_complete in years else years[0],
        internal=can(request.user, Action.VIEW_INTERNAL_REPORT))
    if form.is_bound and form.is_valid():
        year, edition = form.chosen()
        return redirect(reverse("report_annual", args=[year]) + f"?edition={edition}")
    return render(request, "reports/index.html", {"form": form, "quarters": quarters(this_day)})


@require(Action.VIEW_REPORTS)
def annual(request, year):
    year, edition = _chosen(request, year)
    report = annual_report.build(year, edition=edition)
    downloads = [
        (label, reverse("report_annual_download", args=[year, fmt]) + f"?edition={edition}")
        for fmt, (label, _) in FORMATS.items()
    ]
    return render(request, "reports/annual.html", html.page_context(
        report, downloads=downloads, editable=can(request.user, Action.EDIT_REPORTS),
        drill_down=drills_down(request.user, FinancialYear.parse(year), edition)))


def drills_down(user, year: FinancialYear, edition: str) -> bool:
    """Whether the report's figures link to the cases behind them: only the
    internal edition's, and only for someone who may list every case the
    year and the year before count. A figure and its list then never differ,
    so neither tells of a restricted case: published figures count cases the
    list would not show, and a link missing from one row would say as much.
    One query."""
    if edition != "internal" or not can(user, Action.LIST_CASES):
        return False
    span = (year.previous.starts_on, year.ends_on)
    counted = Case.objects.filter(Q(received_on__range=span) | Q(stages__started_on__range=span))
    return not counted.exclude(pk__in=visible_cases(user, Case.objects.all()).values("pk")).exists()


@require(Action.VIEW_REPORTS)
def annual_download(request, year, fmt):
    if fmt not in FORMATS:
        raise Http404("No such format")
    year, edition = _chosen(request, year)
    report = annual_report.build(year, edition=edition)
    if edition == "published" and report.warnings:
        # Nothing is published while the numbers check or the tables find a problem.
        return render(request, "reports/problems.html", {"report": report}, status=409)
    content, content_type, extension = render_report(report, fmt)
    audit.record(request, AuditEntry.Action.EXPORT, None,
                 detail=f"Annual report {year} {edition} {fmt}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="annual-complaints-report-{year}-{edition}.{extension}"')
    return response


def _chosen(request, year: str) -> tuple[str, str]:
    """The year in the URL written the standard way ("2021-22"), and the
    edition asked for (?edition=, published by default). 404 for a year or
    edition that does not exist; 403 for the internal edition to those who
    may not see it."""
    try:
        year = str(FinancialYear.parse(year))
    except ValueError:
        raise Http404("No such year") from None
    return year, _edition(request, default="published")


def _edition(request, *, default: str) -> str:
    """The edition asked for (?edition=, ``default`` if none): 404 for one
    that does not exist, 403 for the internal edition to those who may not see it."""
    edition = request.GET.get("edition", default)
    if edition not in EDITIONS:
        raise Http404("No such edition")
    if edition == "internal" and not can(request.user, Action.VIEW_INTERNAL_REPORT):
        raise PermissionDenied
    return edition


def _quarterly_edition(request) -> str:
    """The quarterly report is internal for those who may see the internal edition."""
    return _edition(request, default="internal" if can(request.user, Action.VIEW_INTERNAL_REPORT) else "published")


def _quarter(text: str) -> quarterly.Quarter:
    try:
        return quarterly.Quarter.parse(text.replace("-Q", " Q"))
    except ValueError:
        raise Http404("No such quarter") from None


def _slug(quarter: quarterly.Quarter) -> str:
    return f"{quarter.year}-Q{quarter.number}"


@require(Action.VIEW_REPORTS)
def quarterly_page(request, quarter):
    quarter = _quarter(quarter)
    edition = _quarterly_edition(request)
    report = quarterly.build(quarter, edition=edition)
    downloads = [
        (label, reverse("report_quarterly_download", args=[_slug(quarter), fmt]) + f"?edition={edition}")
        for fmt, (label, _) in FORMATS.items()
    ]
    return render(request, "reports/annual.html", html.page_context(report, downloads=downloads, editable=False))


@require(Action.VIEW_REPORTS)
def quarterly_download(request, quarter, fmt):
    if fmt not in FORMATS:
        raise Http404("No such format")
    quarter = _quarter(quarter)
    edition = _quarterly_edition(request)
    content, content_type, extension = render_report(quarterly.build(quarter, edition=edition), fmt)
    audit.record(request, AuditEntry.Action.EXPORT, None, detail=f"Quarterly report {quarter} {edition} {fmt}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="quarterly-complaints-report-{_slug(quarter)}-{edition}.{extension}"')
    return response


def quarters(this_day) -> list[tuple[str, str]]:
    """(slug, label) of the last eight quarters, newest first."""
    year = FinancialYear.of(this_day)
    current = next(n for n in range(4, 0, -1) if quarterly.Quarter(year, n).starts_on <= this_day)
    out, quarter = [], quarterly.Quarter(year, current)
    for _ in range(8):
        out.append((_slug(quarter), str(quarter)))
        number = quarter.number - 1 or 4
        quarter = quarterly.Quarter(quarter.year if quarter.number > 1 else quarter.year.previous, number)
    return out
