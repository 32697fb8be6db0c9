"""Placeholders are replaced wherever Word puts them, even split over runs."""

from io import BytesIO

import docx
from docx.shared import Pt

from complaints.letters import merge
from tests.letters.conftest import build_docx


def _document(content: bytes):
    return docx.Document(BytesIO(content))


def test_a_placeholder_split_over_several_runs_is_replaced_in_the_first_runs_formatting():
    document = _document(build_docx(["Our reference: ", "{{ ca", "se.refer", "ence }}", " (please quote it)"]))
    runs = document.paragraphs[0].runs
    runs[0].bold = True
    runs[1].italic = True
    runs[1].font.size = Pt(14)
    merge.merge(document, {"case.reference": "COM-2023-0001"})
    paragraph = document.paragraphs[0]
    assert paragraph.text == "Our reference: COM-2023-0001 (please quote it)"
    replaced = next(run for run in paragraph.runs if "COM-2023-0001" in run.text)
    assert replaced.italic and replaced.font.size == Pt(14)
    assert paragraph.runs[0].bold and paragraph.runs[0].text == "Our reference: "


def test_two_placeholders_in_one_run_and_one_spanning_the_next_are_all_replaced():
    document = _document(build_docx(["{{ a }} and {{", " b }} then {{c}}"]))
    merge.merge(document, {"a": "one", "b": "two", "c": "three"})
    assert document.paragraphs[0].text == "one and two then three"


def test_placeholders_in_table_cells_and_headers_are_replaced():
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("Ref {{ case.reference }}")
    document.sections[0].header.paragraphs[0].add_run("{{ council.name }}")
    merge.merge(document, {"case.reference": "COM-2023-0001", "council.name": "Example Council"})
    assert document.tables[0].cell(0, 0).text == "Ref COM-2023-0001"
    assert document.sections[0].header.paragraphs[0].text == "Example Council"


def test_a_line_break_in_a_value_becomes_a_line_break_in_the_letter():
    document = _document(build_docx("{{ complainant.address }}"))
    merge.merge(document, {"complainant.address": "1 High Street\nTown"})
    assert document.paragraphs[0].text == "1 High Street\nTown"
    assert len(document.paragraphs[0]._p.xpath(".//w:br")) == 1


def test_placeholders_are_found_with_stray_braces_reported():
    names, stray = merge.placeholders(_document(build_docx(["{{ case.", "reference }}"], "Dear {{ name")))
    assert names == {"case.reference"}
    assert stray == ["Dear {{ name"]
