from io import BytesIO

import docx
import pytest

from complaints.letters import merge


@pytest.fixture(autouse=True)
def _today_is_1_february_2023(frozen):
    """Every letters test runs on Wed 1 Feb 2023 (tests/conftest.py's ``frozen``)."""


def read_docx(content: bytes) -> str:
    """Every paragraph's text (body, tables, headers and footers), a line each,
    read back with python-docx."""
    return "\n".join(merge.texts(docx.Document(BytesIO(bytes(content)))))


def build_docx(*paragraphs: str | list[str]) -> bytes:
    """A .docx with a paragraph for each string, or for a list of strings a
    paragraph with a run for each (as Word splits what was typed)."""
    document = docx.Document()
    for paragraph in paragraphs:
        runs = [paragraph] if isinstance(paragraph, str) else paragraph
        p = document.add_paragraph()
        for text in runs:
            p.add_run(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
