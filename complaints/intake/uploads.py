"""Files sent with a complaint: what they are, how big, and where they are kept.

A file's type is found from its contents, never from its name or what the
browser said; a file whose name says otherwise is refused, and a file is kept,
shown and downloaded with the extension of what it is (``named_as``), so a PDF
cannot open as a web page. Files are written under ATTACHMENTS_DIR with random names as soon
as they are uploaded (the complaint does not exist yet), within the sender's
allowance (complaints.intake.limits); an Attachment row points at one when the
complaint is sent. Files no row points at are removed after KEPT_FOR by
``manage.py clear_abandoned_uploads``.
"""

import hashlib
import os
import unicodedata
import uuid
import zipfile
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from xml.parsers import expat

from django.conf import settings


@dataclass(frozen=True)
class Kind:
    """A kind of file the public may send: its content type, what people call
    it, the extension it is stored and downloaded with, and every extension a
    sender's file of this kind may have."""

    content_type: str
    label: str
    extension: str
    extensions: frozenset[str]


PDF = Kind("application/pdf", "PDF", ".pdf", frozenset({".pdf"}))
JPEG = Kind("image/jpeg", "JPG image", ".jpg", frozenset({".jpg", ".jpeg"}))
PNG = Kind("image/png", "PNG image", ".png", frozenset({".png"}))
GIF = Kind("image/gif", "GIF image", ".gif", frozenset({".gif"}))
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document",
            ".docx", frozenset({".docx"}))
DOC = Kind("application/msword", "Word document", ".doc", frozenset({".doc"}))
KINDS = "PDF, JPG, PNG, GIF or Word document"
_BY_CONTENT_TYPE = {kind.content_type: kind for kind in (PDF, JPEG, PNG, GIF, DOCX, DOC)}
_BY_EXTENSION = {extension: kind for kind in _BY_CONTENT_TYPE.values() for extension in kind.extensions}
# What a file of no kind we know (one stored before its kind was checked) is served as.
UNKNOWN = Kind("application/octet-stream", "File", ".bin", frozenset())

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
UPLOADS = "uploads"
# How long a file no complaint was sent with is kept (clear_abandoned_uploads):
# far longer than a session lasts (SESSION_IDLE_MINUTES), so no one is still
# filling in the form it belongs to.
KEPT_FOR = timedelta(days=1)


def kind_of(content_type: str) -> Kind:
    """The kind a stored file's content type names (UNKNOWN if none)."""
    return _BY_CONTENT_TYPE.get(content_type, UNKNOWN)


def kind_named(name: str) -> Kind | None:
    """The kind a file's name says it is, from its extension (None if the
    extension is not one we accept, or there is none)."""
    return _BY_EXTENSION.get(Path(clean_name(name)).suffix.lower())


def named_as(name: str, content_type: str) -> str:
    """The sender's name for a file, with the extension of what it is: a PDF
    sent as "statement.html" is "statement.pdf". What staff see and download."""
    name = clean_name(name)
    stem, dot, _ = name.rpartition(".")
    stem = (stem if dot else name).rstrip(". ")[:190] or "file"
    return f"{stem}{kind_of(content_type).extension}"


def detect(file) -> Kind | None:
    """The kind of an uploaded file from its contents, or None if it is not a
    kind we accept. Reads the start of the file (and, for a Word document, its
    zip directory and content types), then rewinds it."""
    file.seek(0)
    head = file.read(8192)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith((b"GIF87a", b"GIF89a")):
            return GIF
        if head.startswith(b"PK\x03\x04"):
            return DOCX if _is_docx(file) else None
        if head.startswith(_OLE2):
            # An OLE2 file may be a spreadsheet or an email too: a Word
            # document has a stream named WordDocument in its directory.
            file.seek(0)
            return DOC if _WORD_STREAM in file.read(4 * 1024 * 1024) else None
        return None
    finally:
        file.seek(0)


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_MAX = 1024 * 1024


class _NotWord(Exception):
    pass


def _is_docx(file) -> bool:
    """A Word document without macros, by what its own [Content_Types].xml
    says its parts are: a main part of the wordprocessingml document type that
    is in the zip, no part of a macro-enabled type (a .docm renamed), and no
    VBA project anywhere. Reads the zip's directory and at most 1MB of
    [Content_Types].xml, and refuses a DTD, so a zip or entity bomb costs
    nothing."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            info = archive.getinfo(_CONTENT_TYPES)
            if info.file_size > _CONTENT_TYPES_MAX:
                return False
            with archive.open(info) as member:
                content_types = _content_types(member.read(_CONTENT_TYPES_MAX + 1))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError, expat.ExpatError, _NotWord):
        return False
    if any(Path(name).name.lower() == "vbaproject.bin" for name in names):
        return False
    if any("macroenabled" in kind.lower() or "vbaproject" in kind.lower() for _, kind in content_types):
        return False
    return any(kind == WORD_MAIN and part.lstrip("/") in names for part, kind in content_types)


def _content_types(xml: bytes) -> list[tuple[str, str]]:
    """(part name, content type) of each Override in a [Content_Types].xml, and
    ("", content type) of each Default. Raises _NotWord on a DTD."""
    if len(xml) > _CONTENT_TYPES_MAX:
        raise _NotWord
    found = []

    def element(name, attributes):
        local = name.rpartition(" ")[2]
        if local in {"Override", "Default"}:
            found.append((attributes.get("PartName", ""), attributes.get("ContentType", "")))

    def refuse(*args):
        raise _NotWord

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = element
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.Parse(xml, True)
    return found


def size_words(size: int) -> str:
    """A limit as GOV.UK writes it: "10MB", "500KB", "1000 bytes"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale}{unit}"
    return f"{size} bytes"


def clean_name(name: str) -> str:
    """The file's own name, without folders or control characters, at most
    200 characters, for staff to see and to download it as."""
    name = Path(str(name).replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[:190]}.{extension[:9]}" if dot else name[:200]
    return name or "file"


@dataclass(frozen=True)
class StoredFile:
    """A file written under ATTACHMENTS_DIR, not yet attached to a case.
    Kept in the session (as a dict) until the complaint is sent."""

    path: str
    name: str
    content_type: str
    size: int
    sha256: str

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "StoredFile":
        return cls(**{key: data[key] for key in cls.__dataclass_fields__})

    def exists(self) -> bool:
        return (root() / self.path).is_file()


def root() -> Path:
    return Path(settings.ATTACHMENTS_DIR)


def new_path(content_type: str) -> str:
    """Where a new file of this kind will be kept: a random name under
    ATTACHMENTS_DIR, with the extension of its kind."""
    return f"{UPLOADS}/{uuid.uuid4().hex}{kind_of(content_type).extension}"


def store(upload, content_type: str, path: str | None = None) -> StoredFile:
    """Write an uploaded file under ATTACHMENTS_DIR at ``path`` (a new one if
    not given), readable by this service's user only."""
    relative = path or new_path(content_type)
    target = root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return StoredFile(relative, named_as(upload.name, content_type), content_type, size, digest.hexdigest())


def discard(stored: StoredFile) -> None:
    (root() / stored.path).unlink(missing_ok=True)


def abandoned(now: datetime, *, older_than: timedelta, kept: set[str]) -> list[Path]:
    """Uploaded files older than ``older_than`` whose path is not in ``kept``
    (the paths attachments point at)."""
    folder = root() / UPLOADS
    if not folder.is_dir():
        return []
    cutoff = (now - older_than).timestamp()
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and f"{UPLOADS}/{path.name}" not in kept and path.stat().st_mtime < cutoff
    )
