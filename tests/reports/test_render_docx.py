"""The report as a Word document, read back with python-docx: A4, a title
page, a table of contents field, a Heading 1 a section, every table value for
value with its header row repeated and its numbers right-aligned, each chart
with its text alternative, the examples and the action plan."""

import shutil
import subprocess
from io import BytesIO

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from complaints.reports.render.charts import alt_text
from complaints.reports.render.docx import render_docx
from complaints.reports.render.values import row_texts
from tests.reports.sample_report import sample_report


@pytest.fixture(scope="module")
def report():
    return sample_report(edition="published")


@pytest.fixture(scope="module")
def content(report):
    return render_docx(report, council_name="Example Borough Council")


@pytest.fixture(scope="module")
def document(content):
    return Document(BytesIO(content))


def _reading_order(report):
    order = [s.id for s in report.sections]
    return sorted(report.tables, key=lambda t: order.index(t.section))


def test_the_pages_are_a4_with_2_cm_margins(document):
    first = document.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert {round(m.mm) for m in (first.left_margin, first.right_margin, first.top_margin)} == {20}


def test_the_title_page_then_a_table_of_contents_field(document, report):
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == ["Example Borough Council", "Children's Services", report.title,
                         "Published edition: small counts are suppressed"]
    assert document.paragraphs[2].style.name == "Title"
    codes = [t.text for t in document.element.body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-2" \\h \\z \\u ' in codes
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    assert document.core_properties.title == report.title


def test_each_section_is_a_heading_1_with_its_paragraphs(document, report):
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    # The problems to put right are listed on the staff pages, never in the document.
    assert headings == [s.title for s in report.sections]
    texts = [p.text for p in document.paragraphs]
    assert not [t for t in texts if "12 complaints went to Stage 2" in t or "edited paragraph" in t]
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["Apologies were given", "See the Ombudsman's decisions"]
    assert bullets[0].runs[0].bold and bullets[0].runs[0].text == "Apologies"
    assert bullets[1].hyperlinks[0].address == "https://www.lgo.org.uk/decisions"
    assert "Partially upheld complaints fell from 28 to 18." in texts
    assert "Not upheld fell from 40 to 25." in texts
    assert "Disputing a decision fell from 19 to 4. Standard of service fell from 30 to 23." in texts


def test_every_table_is_a_word_table_value_for_value(document, report):
    tables = _reading_order(report)
    assert len(document.tables) == len(tables)
    for word, table in zip(document.tables, tables):
        cells = [[cell.text for cell in row.cells] for row in word.rows]
        assert cells[0][1:] == table.columns, table.id
        rows = table.rows + ([table.total] if table.total else [])
        assert cells[1:] == [[row.label, *row_texts(table, row)] for row in rows], table.id
        assert word.style.name == "Table Grid"
    captions = [p.text for p in document.paragraphs if p.text.startswith("Table ")]
    assert captions[:2] == ["Table 1: Ombudsman decisions", "Table 2: Ombudsman remedies"]


def test_money_suppressed_counts_and_percentages_are_written_as_in_the_report(document):
    text = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"£14,413", "£6,087", "£14,713", "[c]", "30.4%", "100.0%", "14.6"} <= text


def test_the_header_row_repeats_and_numbers_are_right_aligned(document):
    for table in document.tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
    teams = document.tables[4]
    assert teams.rows[1].cells[0].text == "Intervention and Support Service"
    assert teams.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert teams.rows[0].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert teams.rows[1].cells[0].paragraphs[0].alignment is None


def test_each_chart_is_a_picture_with_its_text_alternative_and_a_caption(document, report):
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    charted = [t for t in _reading_order(report) if t.chart == "bar"]
    assert [p.get("descr") for p in pictures] == [alt_text(t) for t in charted]
    assert len(document.inline_shapes) == len(charted)
    assert all(shape.width == Mm(160) for shape in document.inline_shapes)
    captions = [p.text for p in document.paragraphs if p.text.startswith("Figure ")]
    assert captions[0] == "Figure 1: Ombudsman decisions, year on year"
    assert len(captions) == len(charted)


def test_the_examples_of_compliments_are_quoted(document):
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes[0] == "“I have no words to describe my gratitude to X, she has been a rock.”"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert headings[0] == "1. Adopt London"


def test_the_action_plan_is_on_landscape_pages(document, report):
    last = document.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert (round(last.page_width.mm), round(last.page_height.mm)) == (297, 210)
    plan = document.tables[-1]
    assert [c.text for c in plan.rows[0].cells] == ["No.", *report.table("actions").columns]
    assert plan.rows[3].cells[1].text == "All staff to have GDPR training."


def test_notes_under_a_table_say_why_a_count_is_missing(document):
    texts = [p.text for p in document.paragraphs]
    assert "Suppressed: 1 to 5 (Fostering; Adopt London)" in texts


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed (not needed by make test)")
def test_libreoffice_opens_it(content, tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(content)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, timeout=120, capture_output=True)
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "£14,413" in text
