"""The report as a PDF: WeasyPrint lays out the print page (html.print_html)
on A4 with page numbers, a contents list with page numbers and bookmarks from
the headings. Charts go in as SVG, so they stay sharp when printed.

The PDF is tagged (PDF/UA-1, WeasyPrint's pdf_variant): headings, paragraphs,
lists and tables carry their structure for screen readers, and the document
states its language and title."""

import weasyprint

from complaints.reports.data import Report
from complaints.reports.render.html import print_html


def render_pdf(report: Report, *, drawn=None) -> bytes:
    page = print_html(report, chart_format="svg", drawn=drawn)
    return weasyprint.HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")
