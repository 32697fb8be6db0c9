"""Renderers: a report (complaints.reports.data.Report) laid out as a file.

``render(report, fmt)`` gives the file's bytes, content type and filename
extension, for fmt in FORMATS. Each renderer only lays out what the report
holds; none computes a figure.
"""

import json

from complaints.reports.data import Report

# fmt -> (label for people, content type)
FORMATS = {
    "html": ("Web page (HTML)", "text/html; charset=utf-8"),
    "docx": ("Word document (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("PDF", "application/pdf"),
    "xlsx": ("Spreadsheet (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("Open data (JSON)", "application/json"),
}


def render(report: Report, fmt: str) -> tuple[bytes, str, str]:
    """(the file, its content type, its filename extension)."""
    if fmt not in FORMATS:
        raise ValueError(f"No report format {fmt!r}: choose from {', '.join(FORMATS)}")
    # Each renderer is imported when asked for: WeasyPrint and matplotlib take
    # a while to import, and the JSON needs neither.
    if fmt == "json":
        content = json.dumps(report.as_dict(), indent=2, ensure_ascii=False).encode()
    elif fmt == "html":
        from complaints.reports.render.html import render_html

        content = render_html(report)
    elif fmt == "docx":
        from django.conf import settings

        from complaints.reports.render.docx import render_docx

        content = render_docx(report, council_name=settings.COUNCIL_NAME)
    elif fmt == "pdf":
        from complaints.reports.render.pdf import render_pdf

        content = render_pdf(report)
    else:
        from complaints.reports.render.xlsx import render_xlsx

        content = render_xlsx(report)
    return content, FORMATS[fmt][1], fmt
