"""A file whose check found no problems, kept for a short while so that
"Import these records" needs no second upload. Kept under IMPORTS_DIR by its
SHA-256 (the name the check reported), and named in the checker's session:
only the person who checked it can import it from there, and only as it was
checked. Files older than KEPT_FOR are removed whenever another is kept."""

import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings

KEPT_FOR = timedelta(hours=2)
SESSION_KEY = "transfer_checked_file"


def _path(sha256: str) -> Path:
    return Path(settings.IMPORTS_DIR) / f"{sha256}.upload"


def keep(session, upload, *, sha256: str, filename: str) -> None:
    """Keep ``upload`` (a Django UploadedFile) for this session to import."""
    clear_old()
    path = _path(sha256)
    partial = path.with_suffix(".partial")
    upload.seek(0)
    with open(partial, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    partial.replace(path)
    session[SESSION_KEY] = {"sha256": sha256, "filename": filename, "at": time.time()}


def kept(session, sha256: str) -> tuple[Path, str] | None:
    """The file this session checked, if it is the one asked for and still kept:
    (its path, its name). None otherwise."""
    entry = session.get(SESSION_KEY) or {}
    if entry.get("sha256") != sha256 or time.time() - entry.get("at", 0) > KEPT_FOR.total_seconds():
        return None
    path = _path(sha256)
    return (path, entry["filename"]) if path.is_file() else None


def forget(session, sha256: str) -> None:
    session.pop(SESSION_KEY, None)
    _path(sha256).unlink(missing_ok=True)


def clear_old() -> int:
    """Remove kept files past KEPT_FOR. Returns how many."""
    cutoff = time.time() - KEPT_FOR.total_seconds()
    removed = 0
    for path in Path(settings.IMPORTS_DIR).glob("*.*"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
