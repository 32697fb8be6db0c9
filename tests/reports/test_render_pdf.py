"""The report as a PDF, read back with poppler's pdftotext and pdfinfo: A4
pages numbered "Page N of M", the contents with page numbers, every section
and the tables' numbers."""

import re
import shutil
import subprocess

import pytest

from complaints.reports.render.pdf import render_pdf
from complaints.reports.render.values import row_texts
from tests.reports.sample_report import sample_report

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")


@pytest.fixture(scope="module")
def report():
    return sample_report(edition="published")


@pytest.fixture(scope="module")
def pdf(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(report))
    return path


@pytest.fixture(scope="module")
def pages(pdf):
    """The text of each page, laid out as on the page."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def _info(pdf) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_the_pages_are_a4_and_numbered(pdf, pages):
    info = _info(pdf)
    assert "595.276 x 841.89 pts (A4)" in info["Page size"]
    assert int(info["Pages"]) == len(pages) >= 10
    assert "Page" not in pages[0]  # the title page
    for n, page in enumerate(pages[1:], 2):
        assert f"Page {n} of {len(pages)}" in page


def test_the_pdf_is_tagged_for_screen_readers(pdf, report):
    info = _info(pdf)
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip().startswith(report.title)


def test_the_title_page_and_the_contents_with_page_numbers(pages, report):
    assert report.title in " ".join(pages[0].split())
    assert "Published edition: small counts are suppressed" in pages[0]
    contents = pages[1]
    for section in report.sections:
        line = next(line for line in contents.splitlines() if line.strip().startswith(section.title))
        number = int(re.search(r"(\d+)\s*$", line).group(1))
        assert section.title in pages[number - 1], section.title


def test_every_table_value_is_on_its_page(pages, report):
    text = "\n".join(pages)
    for table in report.tables:
        if table.kind == "text":
            continue
        assert table.title in text, table.id
        for row in table.rows + ([table.total] if table.total else []):
            written = " ".join(row_texts(table, row))
            # The row as one line: its label, then its values in order.
            pattern = r"\s+".join(map(re.escape, [*row.label.split()[-2:], *written.split()]))
            assert re.search(pattern, text), (table.id, row.label, written)


def test_money_and_suppressed_counts_are_written_as_in_the_report(pages):
    text = "\n".join(pages)
    assert re.search(r"Independent investigators\s+£14,413\s+£6,087", text)
    assert re.search(r"Fostering\s+\[c\]\s+\[c\]", text)
    assert "Suppressed: 1 to 5 (Fostering; Adopt London)" in text


def test_the_action_plan_is_on_a_landscape_page(pdf, pages):
    out = subprocess.run(["pdfinfo", "-f", str(len(pages)), "-l", str(len(pages)), str(pdf)],
                         check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.276 pts (A4)" in out
    assert "All staff to have GDPR training." in pages[-1]
