"""The report as HTML: the staff page's context (a GOV.UK page with drill-down
links to the case list) and the standalone print page (no navigation, A4,
its stylesheet inside it), which is both the HTML download and WeasyPrint's
input for the PDF.

Charts are images with their text alternative as ``alt``: an inline SVG from
matplotlib carries style attributes, which the Content-Security-Policy would
block on the staff page, so charts are <img> elements with data: URIs
(img-src allows data:).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from complaints.reports.data import Report
from complaints.reports.render import charts as charting
from complaints.reports.render.layout import cover_lines, edition_label, lay_out

def case_list_link(filters: dict[str, str], year: str) -> str:
    """The staff case list showing the cases behind a count: the row's filters
    and the column's year."""
    return reverse("case_list") + "?" + urlencode({**filters, "year": year})


def page_context(report: Report, *, downloads: list[tuple[str, str]], editable: bool = False,
                 drill_down: bool = False) -> dict:
    """What reports/annual.html needs: ``downloads`` are (label, URL) pairs;
    ``editable``: link each section to the page where its paragraph is written;
    ``drill_down``: link each count to the case list (the view decides who may)."""
    drawn = charting.charts(report, formats=("svg",))
    return {
        "report": report,
        "parts": lay_out(report, charts=drawn, link=case_list_link if drill_down else None),
        "edition_label": edition_label(report),
        "downloads": downloads,
        "chart_format": "svg",
        "staff": True,
        "editable": editable,
    }


def print_html(report: Report, *, chart_format: str = "svg", drawn=None) -> str:
    """The standalone page: A4 print styles inside it, charts as ``chart_format``
    ("svg" or "png") data: URIs, no links to staff pages."""
    if drawn is None:
        drawn = charting.charts(report, formats=(chart_format,))
    return render_to_string("reports/print.html", {
        "report": report,
        "parts": lay_out(report, charts=drawn),
        "edition_label": edition_label(report),
        "cover": cover_lines(report),
        "council_name": settings.COUNCIL_NAME,
        "chart_format": chart_format,
        "staff": False,
    })


def render_html(report: Report) -> bytes:
    return print_html(report).encode()
