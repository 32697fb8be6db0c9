"""render(report, fmt): every format's bytes, content type and extension; the
JSON is the report's as_dict."""

import json

import pytest

from complaints.reports.render import FORMATS, render
from tests.reports.sample_report import sample_report


def test_the_json_is_the_reports_open_data_as_it_stands():
    report = sample_report()

    content, content_type, extension = render(report, "json")

    assert json.loads(content) == json.loads(json.dumps(report.as_dict()))
    assert content_type == "application/json"
    assert extension == "json"
    # Written for people too: indented, and "£" and "–" as themselves.
    assert content.decode().startswith('{\n  "year": "2021-22",')
    assert "closed after initial enquiries – no further action" in content.decode().lower()


@pytest.mark.parametrize(("fmt", "starts"), [
    ("html", b"<!DOCTYPE html>"), ("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK"),
])
def test_each_format_is_its_kind_of_file(fmt, starts):
    content, content_type, extension = render(sample_report(), fmt)

    assert content.lstrip().startswith(starts)
    assert content_type == FORMATS[fmt][1]
    assert extension == fmt


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="No report format 'csv'"):
        render(sample_report(), "csv")
