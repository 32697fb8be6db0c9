"""Files sent with a complaint: what they are, how big, and where they are kept.

A file's type is found from its contents, never from its name or what the
browser said. Files are written under ATTACHMENTS_DIR with random names as soon
as they are uploaded (the complaint does not exist yet); an Attachment row
points at one when the complaint is sent. Files no row points at are removed by
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

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# What the public may send: (content type, the name people know it by).
PDF = ("application/pdf", "PDF")
JPEG = ("image/jpeg", "JPG")
PNG = ("image/png", "PNG")
GIF = ("image/gif", "GIF")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
DOC = ("application/msword", "Word")
KINDS = "PDF, JPG, PNG, GIF or Word document"
KIND_NAMES = {
    PDF[0]: "PDF", JPEG[0]: "JPG image", PNG[0]: "PNG image", GIF[0]: "GIF image",
    DOCX[0]: "Word document", DOC[0]: "Word document",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
UPLOADS = "uploads"


def detect(file) -> tuple[str, str] | None:
    """(content type, name) of an uploaded file from its contents, or None if
    it is not a kind we accept. Reads the start of the file (and, for a Word
    document, its zip directory), then rewinds it."""
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


def _is_docx(file) -> bool:
    """A Word document without macros. Reads only the zip's directory, so a
    zip bomb costs nothing."""
    file.seek(0)
    try:
        names = set(zipfile.ZipFile(file).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return (
        "[Content_Types].xml" in names
        and "word/document.xml" in names
        and "word/vbaProject.bin" not in names
    )


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


def store(upload, content_type: str) -> StoredFile:
    """Write an uploaded file under ATTACHMENTS_DIR with a random name,
    readable by this service's user only."""
    relative = f"{UPLOADS}/{uuid.uuid4().hex}"
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
    return StoredFile(relative, clean_name(upload.name), content_type, size, digest.hexdigest())


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


class LimitedUploadHandler(FileUploadHandler):
    """First of the request's upload handlers: skips any file past
    ATTACHMENT_MAX_BYTES, and any beyond ATTACHMENT_MAX_FILES, as it streams
    in, so an over-large upload never reaches memory or disk. Remembers what it
    skipped for the form's error messages."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_big: list[str] = []
        self.too_many = False
        self.files = 0
        self.received = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        if not file_name:
            return
        self.files += 1
        if self.files > settings.ATTACHMENT_MAX_FILES:
            self.too_many = True
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.ATTACHMENT_MAX_BYTES:
            self.too_big.append(clean_name(self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
