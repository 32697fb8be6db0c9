"""The small markup staff write a report's text in, read into plain data
that every format lays out the same way (HTML, DOCX, PDF):

- paragraphs, separated by a blank line;
- bullet lists: lines starting "- " or "* ";
- **bold**;
- links: [the words](https://example.gov.uk) (https, http and mailto only).

Anything else is text, as typed: no HTML passes through (the renderers
escape every span), and a link to another scheme is only its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:)[^\s)]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
BULLET = re.compile(r"^\s*[-*]\s+")
INLINE = re.compile(rf"{LINK.pattern}|{BOLD.pattern}")


@dataclass
class Span:
    text: str
    bold: bool = False
    href: str = ""


@dataclass
class Block:
    """A paragraph ("p": one item) or a bullet list ("ul": an item a bullet)."""

    kind: str
    items: list[list[Span]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join("".join(span.text for span in item) for item in self.items)


def spans(text: str) -> list[Span]:
    """One line's text, its bold and its links."""
    out, at = [], 0
    for match in INLINE.finditer(text):
        if match.start() > at:
            out.append(Span(text[at:match.start()]))
        if match.group(1) is not None:
            out.append(Span(match.group(1), href=match.group(2)))
        else:
            out.append(Span(match.group(3), bold=True))
        at = match.end()
    if at < len(text):
        out.append(Span(text[at:]))
    return [span for span in out if span.text]


def parse(text: str) -> list[Block]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        paragraph: list[str] = []
        bullets: list[str] = []

        def flush_paragraph():
            if paragraph:
                blocks.append(Block("p", [spans(" ".join(p.strip() for p in paragraph))]))
                paragraph.clear()

        def flush_bullets():
            if bullets:
                blocks.append(Block("ul", [spans(b) for b in bullets]))
                bullets.clear()

        for line in lines:
            if BULLET.match(line):
                flush_paragraph()
                bullets.append(BULLET.sub("", line, count=1).strip())
            elif bullets and line.startswith((" ", "\t")):
                bullets[-1] += " " + line.strip()  # a bullet carried on to the next line
            else:
                flush_bullets()
                paragraph.append(line)
        flush_paragraph()
        flush_bullets()
    return blocks


def plain(text: str) -> str:
    """The words alone, as the numbers check reads them."""
    return "\n\n".join(block.text for block in parse(text))
