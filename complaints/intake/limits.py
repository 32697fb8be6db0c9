"""How much one network address may send through the public forms: the one
home of these rules, and the one way they are counted.

- ``INTAKE_RATE_LIMIT`` forms (complaints and compliments together) an hour;
- ``INTAKE_UPLOAD_BYTES_PER_HOUR`` of files an hour, whether they were then
  sent, removed or left waiting;
- ``INTAKE_PENDING_UPLOADS`` files waiting: uploaded, not yet sent with a
  complaint, nor removed, nor cleared by ``clear_abandoned_uploads``. However
  many sessions one address opens, this bounds what it can leave on the disk.

An address is kept only as a keyed hash (``address_key``), and is the one the
rest of the service uses for the request (the view passes it in). Each limit is
counted the same way: in one transaction, the address's turn is taken, the new
rows are written, then the address's rows are counted, and going over raises,
which rolls the transaction back so nothing is recorded. On SQLite the first
write holds the database's write lock to the end of the transaction
(transaction_mode IMMEDIATE); on PostgreSQL an advisory lock on the address is
taken first; either way two requests at once cannot both slip under a limit.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from complaints.intake.models import PublicSubmission, PublicUpload
from complaints.intake.uploads import clean_name

HOUR = timedelta(hours=1)
# The two ways an upload can be over the address's allowance (DocumentsForm words them).
PER_HOUR = "per_hour"
WAITING = "waiting"
# Any constant: the first key of the PostgreSQL advisory lock on an address.
ADDRESS_LOCK = 0x1A7AC4


class RateLimited(Exception):
    """This address has sent INTAKE_RATE_LIMIT forms in the last hour."""


class UploadsRefused(Exception):
    """These files would take the address over an upload limit: ``reason`` is
    PER_HOUR or WAITING."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def address_key(address: str | None) -> str:
    """A keyed hash of a network address: the same address always gives the
    same key, and the key does not give the address back."""
    return salted_hmac("complaints.intake.address", address or "unknown",
                       algorithm="sha256").hexdigest()


def _take_turns(key: str) -> None:
    """Wait for any other request from this address counting against its
    limits to finish. Call inside a transaction: the lock ends with it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [ADDRESS_LOCK, key])


def accept_form(token: str, form: str, address: str | None) -> PublicSubmission:
    """Record that a form was accepted, refusing it (RateLimited) if its
    sender has sent INTAKE_RATE_LIMIT in the last hour. Call inside the
    transaction that records what the form describes. Three queries (four on
    PostgreSQL)."""
    key = address_key(address)
    _take_turns(key)
    now = timezone.now()
    submission = PublicSubmission.objects.create(token=token, form=form, address=key, submitted_at=now)
    recent = PublicSubmission.objects.filter(address=key, submitted_at__gt=now - HOUR).count()
    if recent > settings.INTAKE_RATE_LIMIT:
        raise RateLimited
    return submission


@dataclass(frozen=True)
class Usage:
    """What one address has uploaded: bytes in the last hour, files waiting."""

    bytes_this_hour: int
    files_waiting: int

    def over(self, *, more_bytes: int = 0, more_files: int = 0) -> str | None:
        """PER_HOUR or WAITING if this much more would be over a limit, else None."""
        if self.bytes_this_hour + more_bytes > settings.INTAKE_UPLOAD_BYTES_PER_HOUR:
            return PER_HOUR
        if self.files_waiting + more_files > settings.INTAKE_PENDING_UPLOADS:
            return WAITING
        return None


def usage(key: str, now: datetime | None = None) -> Usage:
    """The address (by its key) has uploaded. One query."""
    now = now or timezone.now()
    totals = PublicUpload.objects.filter(address=key).aggregate(
        bytes=Sum("size", filter=Q(uploaded_at__gt=now - HOUR)),
        waiting=Count("pk", filter=Q(status=PublicUpload.Status.WAITING)),
    )
    return Usage(totals["bytes"] or 0, totals["waiting"])


def reserve_uploads(address: str | None, files: dict[str, int]) -> None:
    """Count files about to be written (``{path: size}``) against their
    sender's address, or raise UploadsRefused and record nothing. Four queries
    (five on PostgreSQL)."""
    key = address_key(address)
    with transaction.atomic():
        _take_turns(key)
        now = timezone.now()
        PublicUpload.objects.bulk_create(
            PublicUpload(address=key, path=path, size=size, uploaded_at=now) for path, size in files.items())
        reason = usage(key, now).over()
        if reason:
            raise UploadsRefused(reason)


def uploads_sent(paths: list[str]) -> None:
    """These files were sent with a complaint: they no longer wait."""
    PublicUpload.objects.filter(path__in=paths).update(status=PublicUpload.Status.SENT)


def upload_removed(path: str) -> None:
    """Its sender removed this file: it no longer waits (it still counts
    towards the hour)."""
    PublicUpload.objects.filter(path=path).update(status=PublicUpload.Status.REMOVED)


class LimitedUploadHandler(FileUploadHandler):
    """First of the request's upload handlers: skips any file past
    ATTACHMENT_MAX_BYTES, any beyond ATTACHMENT_MAX_FILES, and every file once
    the request's files would take the address over its upload allowance, as
    they stream in, so an over-large upload never reaches memory or disk.
    Remembers what it skipped for the form's error messages. The allowance is
    read (one query) when the first file starts; ``reserve_uploads`` counts
    again before anything is written."""

    def __init__(self, request=None, address: str | None = None):
        super().__init__(request)
        self.address = address
        self.too_big: list[str] = []
        self.too_many = False
        self.over: str | None = None
        self.files = 0
        self.received = 0
        self.received_in_all = 0
        self._usage: Usage | None = None

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        if not file_name:
            return
        self.files += 1
        if self.files > settings.ATTACHMENT_MAX_FILES:
            self.too_many = True
            raise SkipFile
        if self._usage is None:
            self._usage = usage(address_key(self.address))
        if self.over:
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        self.received_in_all += len(raw_data)
        if self.received > settings.ATTACHMENT_MAX_BYTES:
            self.too_big.append(clean_name(self.file_name))
            raise SkipFile
        if self._usage is not None:
            self.over = self._usage.over(more_bytes=self.received_in_all, more_files=self.files)
        if self.over:
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
