"""python manage.py annual_report YEAR --format FMT --output FILE [--edition]:
the same builder and renderers as the staff page's downloads."""

import io
import json
from datetime import date
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

pytest.importorskip("complaints.reports.annual")


def run(*args) -> str:
    out = io.StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_json_to_standard_output(db, record_complaint, settings):
    settings.REPORT_SUPPRESSED_TABLES = ["totals"]  # by default only tables about people are
    record_complaint(received_on=date(2022, 9, 9))

    data = json.loads(run("2022-23"))

    assert (data["year"], data["edition"]) == ("2022-23", "published")
    assert next(t for t in data["tables"] if t["id"] == "totals")["rows"][1]["values"] == [None, 0]


def test_the_internal_edition_shows_every_count(db, record_complaint, tmp_path):
    record_complaint(received_on=date(2022, 9, 9))
    output = tmp_path / "report.json"

    said = run("2022-23", "--format", "json", "--edition", "internal", "--output", str(output))

    assert said.startswith(f"Wrote the internal annual report 2022-23 to {output} (")
    data = json.loads(output.read_text())
    assert next(t for t in data["tables"] if t["id"] == "totals")["rows"][1]["values"] == [1, 0]


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx"])
def test_it_writes_each_format_to_a_file(db, tmp_path, fmt):
    output = tmp_path / f"report.{fmt}"

    run("2021-22", "--format", fmt, "--output", str(output))

    content = output.read_bytes()
    if fmt == "html":
        assert "Annual complaints and compliments report 2021-22" in content.decode()
    elif fmt == "docx":
        title = next(p.text for p in Document(BytesIO(content)).paragraphs if p.style.name == "Title")
        assert title == "Annual complaints and compliments report 2021-22"
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
    else:
        assert "teams" in load_workbook(BytesIO(content)).sheetnames


def test_a_binary_format_needs_a_file(db):
    with pytest.raises(CommandError, match="A PDF file needs --output FILE"):
        run("2021-22", "--format", "pdf")


def test_a_year_that_is_not_a_financial_year_is_refused(db):
    with pytest.raises(CommandError, match="not a reporting year"):
        run("twenty-one")
