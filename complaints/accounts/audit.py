"""Writing the audit log: the one place entries are made.

The log is tamper-evident: each entry carries the SHA-256 of its own content
and of the entry before it (a hash chain), and AuditChainHead holds the end of
the chain; ``verify()`` (``manage.py verify_audit_log``) finds any entry that
was edited, deleted or inserted afterwards.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from complaints.accounts.client import client_address
from complaints.accounts.models import AuditChainHead, AuditEntry


def record(request, action: str, obj=None, *, detail: str = "", user=None) -> AuditEntry:
    """Record that the request's user did ``action`` to ``obj``. Four queries."""
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return _append(AuditEntry(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        path=request.get_full_path()[:500] if request is not None else "",
        ip_address=client_address(request) if request is not None else None,
        detail=detail,
    ))


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(entry.content().encode()).hexdigest()


def _append(entry: AuditEntry) -> AuditEntry:
    with transaction.atomic():
        # Take the head's lock first, then read it: concurrent writers queue here.
        if not AuditChainHead.objects.filter(pk=1).update(sequence=F("sequence") + 1):
            AuditChainHead.objects.create(pk=1, sequence=1)
        head = AuditChainHead.objects.get(pk=1)
        entry.sequence, entry.previous_hash = head.sequence, head.last_hash
        entry.at = timezone.now()
        entry.entry_hash = entry_hash(entry)
        entry.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=entry.entry_hash)
    return entry


@dataclass
class Problem:
    sequence: int | None
    what: str

    def __str__(self):
        where = f"Entry {self.sequence}" if self.sequence is not None else "The log"
        return f"{where}: {self.what}"


def verify(batch: int = 5000) -> list[Problem]:
    """Every place the chain is broken: an entry whose content no longer matches
    its hash (edited), a gap or a wrong link (deleted or inserted), or a chain
    that ends before the head says it should (the newest entries deleted).
    Reads the log in sequence order, in batches; memory stays flat."""
    problems = []
    expected_sequence, previous = 1, ""
    entries = AuditEntry.objects.exclude(sequence=None).order_by("sequence")
    for entry in entries.iterator(chunk_size=batch):
        if entry.sequence != expected_sequence:
            problems.append(Problem(entry.sequence, f"entries {expected_sequence} to {entry.sequence - 1} "
                                                    "are missing (deleted)"))
        if entry.previous_hash != previous:
            problems.append(Problem(entry.sequence, "does not follow the entry before it"))
        if entry_hash(entry) != entry.entry_hash:
            problems.append(Problem(entry.sequence, "was changed after it was written"))
        expected_sequence, previous = entry.sequence + 1, entry.entry_hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.sequence >= expected_sequence:
        problems.append(Problem(None, f"entries {expected_sequence} to {head.sequence} are missing "
                                      "from the end (deleted)"))
    elif head and previous and head.last_hash != previous:
        problems.append(Problem(None, "the last entry does not match the end of the chain"))
    unchained = AuditEntry.objects.filter(sequence=None).count()
    if unchained:
        problems.append(Problem(None, f"{unchained} entries are outside the chain (inserted directly)"))
    return problems
