"""A disclosure pack as plain data: what pack.py builds and render.py lays out."""

from dataclasses import dataclass, field

from complaints.subject_access.redaction import Text


@dataclass
class Heading:
    text: str
    level: int = 1
    new_page: bool = False


@dataclass
class Paragraph:
    text: Text
    bullet: bool = False


@dataclass
class Fields:
    """Label and value rows (a two-column table)."""

    rows: list[tuple[str, Text]]


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Text]]


Block = Heading | Paragraph | Fields | Table


@dataclass
class PackFile:
    """A file in the ZIP: where, its bytes, and what it is in words."""

    path: str
    content: bytes
    what: str


@dataclass
class PackDocument:
    title: str
    blocks: list[Block]
    # (name or detail as marked, where it appears)
    marked: list[tuple[str, str]] = field(default_factory=list)
