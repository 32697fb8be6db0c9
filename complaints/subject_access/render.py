"""Laying out a disclosure pack: the Word document (python-docx) and the ZIP.

A4, Arial; the cover sheet's title as Word's Title style, each case a Heading 1
on a new page; label-value rows and tables in "Table Grid" with a bold header
row. A name marked for redaction review is its own run, "[REDACT? Jane Smith]",
highlighted yellow, so a reviewer can find each one (and Word's find and replace
by highlight can remove them).
"""

import zipfile
from io import BytesIO

from docx import Document
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.shared import Mm, Pt

from complaints.subject_access.document import (
    Fields,
    Heading,
    PackDocument,
    PackFile,
    Paragraph,
    Table,
)
from complaints.subject_access.redaction import Text

FONT = "Arial"
MARGIN = Mm(20)


def render_docx(pack: PackDocument) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = pack.title
    document.core_properties.language = "en-GB"

    for block in pack.blocks:
        match block:
            case Heading(text=text, level=level, new_page=new_page):
                if new_page:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                document.add_heading(text, level=level)
            case Paragraph(text=text, bullet=bullet):
                _write(document.add_paragraph(style="List Bullet" if bullet else None), text)
            case Fields(rows=rows):
                table = document.add_table(rows=0, cols=2, style="Table Grid")
                for label, value in rows:
                    cells = table.add_row().cells
                    cells[0].paragraphs[0].add_run(label).bold = True
                    _write(cells[1].paragraphs[0], value)
                document.add_paragraph()
            case Table(headers=headers, rows=rows):
                table = document.add_table(rows=1, cols=len(headers), style="Table Grid")
                for cell, header in zip(table.rows[0].cells, headers):
                    cell.paragraphs[0].add_run(header).bold = True
                for row in rows:
                    for cell, value in zip(table.add_row().cells, row):
                        _write(cell.paragraphs[0], value)
                document.add_paragraph()
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _write(paragraph, text: Text) -> None:
    """One run per segment; a marked one highlighted. Line breaks kept."""
    for segment in text:
        lines = segment.text.split("\n")
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            if segment.marked:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if n < len(lines) - 1:
                run.add_break()


def render_zip(files: list[PackFile]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.path, file.content)
    return out.getvalue()
