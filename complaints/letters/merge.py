"""Finding and replacing ``{{ name }}`` placeholders in a .docx.

Word often splits what was typed as one placeholder over several runs (a
spelling mark, an edit, a change of formatting half way). Each paragraph's
runs are read as one text; a placeholder is replaced in the run where it
starts, keeping that run's formatting, and its remaining characters are
removed from the runs after. Other runs keep their formatting.

Paragraphs are found everywhere in the body (tables, nested tables, text
boxes, content controls) and in every header and footer.
"""

import re
from collections.abc import Iterator

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)

# A paragraph's own runs, including those inside links, tracked insertions,
# smart tags, simple fields and inline content controls.
_RUNS = (
    "./w:r"
    " | ./*[self::w:hyperlink or self::w:ins or self::w:smartTag or self::w:fldSimple]/w:r"
    " | ./w:sdt/w:sdtContent/w:r"
)


def paragraphs(document: Document) -> Iterator[Paragraph]:
    roots = [document.element.body]
    roots += [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    for root in roots:
        for p in root.iter(qn("w:p")):
            yield Paragraph(p, None)


def _runs(paragraph: Paragraph) -> list[Run]:
    return [Run(r, paragraph) for r in paragraph._p.xpath(_RUNS)]


def texts(document: Document) -> list[str]:
    """The text of every paragraph, as merging sees it."""
    return ["".join(run.text for run in _runs(p)) for p in paragraphs(document)]


def placeholders(document: Document) -> tuple[set[str], list[str]]:
    """(the names used as ``{{ name }}``, any stray ``{{`` or ``}}`` left over)."""
    names, stray = set(), []
    for text in texts(document):
        names.update(match.group(1).strip() for match in PLACEHOLDER.finditer(text))
        rest = PLACEHOLDER.sub("", text)
        if "{{" in rest or "}}" in rest:
            stray.append(rest.strip())
    return names, stray


def merge(document: Document, values: dict[str, str]) -> None:
    """Replace every placeholder whose name is in ``values``; "\\n" in a value
    becomes a line break."""
    for paragraph in paragraphs(document):
        runs = _runs(paragraph)
        text = "".join(run.text for run in runs)
        if "{{" not in text:
            continue
        # From the end, so that earlier offsets still hold.
        for match in reversed(list(PLACEHOLDER.finditer(text))):
            name = match.group(1).strip()
            if name in values:
                _replace(runs, match.start(), match.end(), values[name])


def _replace(runs: list[Run], start: int, end: int, value: str) -> None:
    """Put ``value`` in place of characters ``start:end`` of the runs' joined text."""
    position, replaced = 0, False
    for run in runs:
        text = run.text
        run_start, position = position, position + len(text)
        if position <= start or run_start >= end:
            continue
        head, tail = text[: max(start - run_start, 0)], text[min(end, position) - run_start :]
        run.text = head + (value if not replaced else "") + tail
        replaced = True
