"""The report as a Word document (python-docx), for staff to finish and publish.

A4 portrait, 2 cm margins, Arial; a title page; a table of contents field
(Word offers to update it on opening; LibreOffice updates it with Tools >
Update); each section a Heading 1 with its paragraphs; each table a Word
table in "Table Grid" with its header row repeated on every page, numbers
right-aligned and money as "£14,413"; each chart a PNG with its text
alternative in the picture's description (docPr descr) and a caption; the
compliment examples; the action plan on landscape pages.
"""

from io import BytesIO

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from complaints.reports.data import Report
from complaints.reports.render import charts as charting

from complaints.reports.render.layout import LaidTable, Part, cover_lines, lay_out

MARGIN = Mm(20)
CHART_WIDTH = Mm(160)
FONT = "Arial"
# (style, size in points, bold)
STYLES = [("Normal", 11, False), ("Title", 28, True), ("Subtitle", 14, False),
          ("Heading 1", 16, True), ("Heading 2", 13, True), ("Heading 3", 11, True),
          ("Caption", 9, True), ("Quote", 11, False), ("TOC Heading", 16, True)]


def render_docx(report: Report, *, drawn=None, council_name: str = "") -> bytes:
    """The .docx file's bytes. ``drawn``: the report's charts with PNGs, if
    already drawn."""
    if drawn is None:
        drawn = charting.charts(report, formats=("png",))
    document = Document()
    _page(document.sections[0])
    _styles(document)
    _update_fields_on_open(document)
    document.core_properties.title = report.title
    document.core_properties.subject = f"Children's Services complaints, {report.year}"
    document.core_properties.author = council_name
    document.core_properties.language = "en-GB"

    _title_page(document, report, council_name)
    _contents(document)
    # The problems the numbers check found are listed on the staff pages, never in the document.
    landscape = False
    for part in lay_out(report, charts=drawn):
        # The action plan's columns of text need a landscape page's width.
        if part.wide != landscape:
            _page(document.add_section(), landscape=part.wide)
            landscape = part.wide
        _part(document, part)

    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page(section, *, landscape: bool = False) -> None:
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    footer = section.footer.paragraphs[0]
    if not footer.runs:
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")


def _styles(document) -> None:
    """Arial throughout, black headings, whatever the theme says."""
    for name, size, bold in STYLES:
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False if name != "Quote" else True
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{theme}"), None)
        fonts.set(qn("w:eastAsia"), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    document.styles["Normal"].element.get_or_add_rPr().append(lang)  # last of rPr's children here


def _update_fields_on_open(document) -> None:
    """Ask Word to update the fields (the table of contents, page numbers) when
    the document is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = document.settings.element
    # The schema orders settings' children: updateFields comes before compat.
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field: begin, the instruction, separate, what shows until it is
    updated, end."""
    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _title_page(document, report: Report, council_name: str) -> None:
    if council_name:
        document.add_paragraph(council_name, style="Subtitle")
    document.add_paragraph("Children's Services", style="Subtitle")
    document.add_paragraph(report.title, style="Title")
    for line in cover_lines(report):
        document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document) -> None:
    document.add_paragraph("Contents", style="TOC Heading")
    _field(document.add_paragraph(), r'TOC \o "1-2" \h \z \u',
           "Right-click and choose Update Field to show the contents.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _part(document, part: Part) -> None:
    document.add_heading(part.title, level=1)
    for block in part.blocks:
        for item in block.items:
            _spans(document.add_paragraph(style="List Bullet" if block.kind == "ul" else None), item)
    for laid in part.tables:
        _table(document, laid)
        if laid.chart is not None and laid.chart.png:
            _chart(document, laid)
    if part.examples:
        document.add_heading("Examples of compliments", level=2)
        for n, example in enumerate(part.examples, 1):
            document.add_heading(f"{n}. {example.team}", level=3)
            document.add_paragraph(f"From: {example.given_by}")
            document.add_paragraph(f"“{example.words}”", style="Quote")


def _spans(paragraph, spans) -> None:
    """A paragraph's words, bold where marked, links as Word hyperlinks."""
    for span in spans:
        if not span.href:
            paragraph.add_run(span.text).bold = span.bold or None
            continue
        rel = paragraph.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        properties.append(style)
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        properties.append(underline)
        run.append(properties)
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = span.text
        run.append(text)
        link.append(run)
        paragraph._p.append(link)


def _table(document, laid: LaidTable) -> None:
    caption = document.add_paragraph(f"Table {laid.number}: {laid.title}", style="Caption")
    caption.paragraph_format.keep_with_next = True
    text = laid.table.kind == "text"
    table = document.add_table(rows=1, cols=len(laid.table.columns) + 1, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = table.rows[0]
    _repeat_as_header(header)
    headings = ["No." if text else ""] + [heading for heading, _ in laid.headers]
    for i, (cell, heading) in enumerate(zip(header.cells, headings)):
        _write(cell, heading, bold=True, right=i > 0 and not text)
    for line in laid.lines:
        cells = table.add_row().cells
        _write(cells[0], line.label, bold=line.total)
        for cell, value in zip(cells[1:], line.cells):
            _write(cell, value.text, bold=line.total, right=value.numeric)
    for note in laid.notes:
        document.add_paragraph(note, style="Caption").runs[0].bold = False
    document.add_paragraph()


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _write(cell, text: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _chart(document, laid: LaidTable) -> None:
    document.add_picture(BytesIO(laid.chart.png), width=CHART_WIDTH)
    picture = document.paragraphs[-1]
    picture.paragraph_format.keep_with_next = True
    properties = picture._p.xpath(".//wp:docPr")[0]
    properties.set("descr", laid.chart.alt)
    properties.set("title", f"Figure {laid.figure}: {laid.title}")
    document.add_paragraph(f"Figure {laid.figure}: {laid.title}, year on year", style="Caption")
