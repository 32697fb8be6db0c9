"""Writing the audit log: the one place entries are made.

The log is tamper-evident: each entry carries an HMAC-SHA256, keyed with
AUDIT_HMAC_KEY (kept in the environment, never in the database), of its own
content and of the entry before it (a keyed hash chain), and AuditChainHead
holds the end of the chain. ``verify()`` (``manage.py verify_audit_log``) finds
any entry that was edited, deleted or inserted afterwards; without the key
nobody can write a chain that passes, so a rewritten log is found too.

Someone who can delete rows can still cut the newest entries off and set the
head row to match. Against that, ``export_head()`` gives the latest entry's
sequence number and MAC to be kept on another system, and ``verify(head=...)``
checks that entry is still there, unchanged: the MAC covers everything before it.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from complaints.audit.client import client_address
from complaints.audit.models import AuditChainHead, AuditEntry


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
    """The entry's MAC: HMAC-SHA256 of its content (which names the entry before it)."""
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), entry.content().encode(), hashlib.sha256).hexdigest()


def _unkeyed_hash(entry: AuditEntry) -> str:
    # What versions before AUDIT_HMAC_KEY stored: anyone could compute it.
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
    # Entries from before the chain was keyed, which sign_legacy() may sign.
    legacy: bool = False

    def __str__(self):
        where = f"Entry {self.sequence}" if self.sequence is not None else "The log"
        return f"{where}: {self.what}"


@dataclass(frozen=True)
class Head:
    """An entry's place in the chain and its MAC, as ``export_head`` prints it."""
    sequence: int
    mac: str

    def __str__(self):
        return f"{self.sequence}:{self.mac}"

    @classmethod
    def parse(cls, text: str) -> "Head":
        sequence, _, mac = text.strip().partition(":")
        if not sequence.isdigit() or len(mac) != 64:
            raise ValueError("a head is SEQUENCE:MAC, as verify_audit_log --export-head prints it")
        return cls(int(sequence), mac.lower())


def verify(batch: int = 5000, *, head: Head | None = None) -> list[Problem]:
    """Every place the chain is broken: an entry whose content no longer matches
    its MAC (edited, or rewritten without the key), a gap or a wrong link (deleted
    or inserted), or a chain that ends before the head says it should (the newest
    entries deleted). Given ``head`` (exported earlier), also that this entry is
    still there with that MAC, so a log cut short or rewritten since is found.
    Entries from before the key are reported once, as a range (see sign_legacy).
    Reads the log in sequence order, in batches; memory stays flat."""
    problems = []
    expected_sequence, previous = 1, ""
    unkeyed, keyed_seen = [], False
    entries = AuditEntry.objects.exclude(sequence=None).order_by("sequence")
    for entry in entries.iterator(chunk_size=batch):
        if entry.sequence != expected_sequence:
            problems.append(Problem(entry.sequence, f"entries {expected_sequence} to {entry.sequence - 1} "
                                                    "are missing (deleted)"))
        if entry.previous_hash != previous:
            problems.append(Problem(entry.sequence, "does not follow the entry before it"))
        if hmac.compare_digest(entry_hash(entry), entry.entry_hash):
            keyed_seen = True
        elif not keyed_seen and hmac.compare_digest(_unkeyed_hash(entry), entry.entry_hash):
            unkeyed.append(entry.sequence)
        else:
            problems.append(Problem(entry.sequence, "was changed after it was written"))
        if head is not None and entry.sequence == head.sequence and not hmac.compare_digest(
                entry.entry_hash, head.mac):
            problems.append(Problem(entry.sequence, "is not the entry exported as the head (the log was rewritten)"))
        expected_sequence, previous = entry.sequence + 1, entry.entry_hash
    if unkeyed:
        problems.insert(0, Problem(None, (
            f"entries {unkeyed[0]} to {unkeyed[-1]} carry the unkeyed SHA-256 of the version before "
            "AUDIT_HMAC_KEY: right after upgrading, verify_audit_log --sign-legacy signs them once; "
            "at any other time the log has been rewritten"), legacy=True))
    chain_head = AuditChainHead.objects.filter(pk=1).first()
    if chain_head and chain_head.sequence >= expected_sequence:
        problems.append(Problem(None, f"entries {expected_sequence} to {chain_head.sequence} are missing "
                                      "from the end (deleted)"))
    elif chain_head and previous and chain_head.last_hash != previous:
        problems.append(Problem(None, "the last entry does not match the end of the chain"))
    if head is not None and head.sequence >= expected_sequence:
        problems.append(Problem(head.sequence, "the exported head is missing: entries from "
                                               f"{expected_sequence} on were deleted"))
    unchained = AuditEntry.objects.filter(sequence=None).count()
    if unchained:
        problems.append(Problem(None, f"{unchained} entries are outside the chain (inserted directly)"))
    return problems


def export_head() -> Head | None:
    """The newest entry's sequence number and MAC (None while the log is empty). One query."""
    newest = AuditEntry.objects.exclude(sequence=None).order_by("-sequence").first()
    return Head(newest.sequence, newest.entry_hash) if newest else None


class NotSigned(Exception):
    """The log has problems other than entries from before the key."""


def sign_legacy(batch: int = 5000) -> int:
    """Sign with AUDIT_HMAC_KEY the entries written before it existed, once, after
    upgrading: checks the whole chain first (the old entries by their unkeyed hash)
    and refuses, changing nothing, if anything else is wrong; then recomputes every
    entry's link and MAC in order, in one transaction. Returns how many were unkeyed.
    Every MAC changes, so export the head again afterwards."""
    with transaction.atomic():
        # Writers wait on the head row while the chain is rewritten.
        AuditChainHead.objects.filter(pk=1).update(sequence=F("sequence"))
        problems = verify(batch)
        others = [problem for problem in problems if not problem.legacy]
        if others:
            raise NotSigned(others)
        if not problems:
            return 0
        previous, unkeyed, after = "", 0, 0
        entries = AuditEntry.objects.exclude(sequence=None).order_by("sequence")
        # A batch at a time, by sequence: never writing to a table a cursor is still reading.
        while changed := list(entries.filter(sequence__gt=after)[:batch]):
            for entry in changed:
                unkeyed += hmac.compare_digest(_unkeyed_hash(entry), entry.entry_hash)
                entry.previous_hash = previous
                entry.entry_hash = previous = entry_hash(entry)
            AuditEntry.objects.bulk_update(changed, ["previous_hash", "entry_hash"])
            after = changed[-1].sequence
        AuditChainHead.objects.filter(pk=1).update(last_hash=previous)
    return unkeyed
