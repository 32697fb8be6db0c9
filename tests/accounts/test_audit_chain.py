"""The audit log is tamper-evident: a hash chain that verify_audit_log checks."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from complaints.accounts import audit
from complaints.accounts.models import AuditChainHead, AuditEntry


def _entries(n, user=None):
    return [audit.record(None, AuditEntry.Action.VIEW, user=user, detail=f"entry {i}") for i in range(n)]


def test_each_entry_links_to_the_one_before(db):
    first, second, third = _entries(3)
    assert (first.sequence, second.sequence, third.sequence) == (1, 2, 3)
    assert second.previous_hash == first.entry_hash and third.previous_hash == second.entry_hash
    assert AuditChainHead.objects.get().last_hash == third.entry_hash
    assert audit.verify() == []
    call_command("verify_audit_log")


def test_an_edited_entry_is_detected(db):
    entries = _entries(3)
    AuditEntry.objects.filter(pk=entries[1].pk).update(detail="nothing to see")
    assert [str(p) for p in audit.verify()] == ["Entry 2: was changed after it was written"]
    with pytest.raises(CommandError, match="tampered with: 1 problem"):
        call_command("verify_audit_log")


def test_a_deleted_entry_is_detected(db):
    entries = _entries(4)
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    assert [str(p) for p in audit.verify()] == [
        "Entry 3: entries 2 to 2 are missing (deleted)", "Entry 3: does not follow the entry before it"]


def test_deleting_the_newest_entries_is_detected(db):
    entries = _entries(3)
    AuditEntry.objects.filter(pk__in=[entries[1].pk, entries[2].pk]).delete()
    assert [str(p) for p in audit.verify()] == ["The log: entries 2 to 3 are missing from the end (deleted)"]


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(db):
    entries = _entries(3)
    forged = AuditEntry.objects.get(pk=entries[1].pk)
    forged.detail = "forged"
    forged.entry_hash = audit.entry_hash(forged)
    forged.save()
    assert [str(p) for p in audit.verify()] == ["Entry 3: does not follow the entry before it"]


def test_an_entry_inserted_directly_is_detected(db):
    _entries(2)
    AuditEntry.objects.create(action="view", detail="slipped in")
    assert [str(p) for p in audit.verify()] == ["The log: 1 entries are outside the chain (inserted directly)"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers itself; the row lock is PostgreSQL's concern")
    errors = []

    def write():
        try:
            _entries(10)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.count() == 40
    assert audit.verify() == []
