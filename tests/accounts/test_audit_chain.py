"""The audit log is tamper-evident: a keyed hash chain that verify_audit_log checks,
against a head exported elsewhere too."""

import hashlib
import hmac
import io
import threading

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from complaints.audit import audit
from complaints.audit.models import AuditChainHead, AuditEntry


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


# -- The key and the exported head ----------------------------------------------------

def _recompute_chain(digest):
    """What someone with write access to the database does after deleting entries:
    number the rest again and recompute every link with ``digest``, then the head."""
    previous = ""
    for sequence, entry in enumerate(AuditEntry.objects.order_by("sequence"), start=1):
        entry.sequence, entry.previous_hash = sequence, previous
        entry.entry_hash = previous = digest(entry.content())
        entry.save()
    AuditChainHead.objects.filter(pk=1).update(sequence=AuditEntry.objects.count(), last_hash=previous)


def _sha256(content):
    return hashlib.sha256(content.encode()).hexdigest()


def _exported_head():
    out = io.StringIO()
    call_command("verify_audit_log", "--export-head", stdout=out)
    return out.getvalue().strip()


def test_deleting_nine_entries_and_recomputing_the_chain_without_the_key_is_detected(db):
    entries = _entries(20)
    AuditEntry.objects.filter(pk__in=[entry.pk for entry in entries[4:13]]).delete()

    _recompute_chain(_sha256)

    problems = [str(p) for p in audit.verify()]
    assert problems == ["The log: entries 1 to 11 carry the unkeyed SHA-256 of the version before "
                        "AUDIT_HMAC_KEY: right after upgrading, verify_audit_log --sign-legacy signs them "
                        "once; at any other time the log has been rewritten"]
    with pytest.raises(CommandError, match="tampered with"):
        call_command("verify_audit_log")


def test_a_chain_recomputed_with_a_guessed_key_is_detected(db):
    entries = _entries(20)
    AuditEntry.objects.filter(pk__in=[entry.pk for entry in entries[4:13]]).delete()

    _recompute_chain(lambda content: hmac.new(b"insecure-development-audit-key-do-not-deploy",
                                              content.encode(), hashlib.sha256).hexdigest())

    assert [str(p) for p in audit.verify()] == [f"Entry {n}: was changed after it was written" for n in range(1, 12)]


def test_the_mac_needs_the_key_from_the_environment(db, settings):
    entry = _entries(1)[0]
    assert entry.entry_hash == hmac.new(settings.AUDIT_HMAC_KEY.encode(), entry.content().encode(),
                                        hashlib.sha256).hexdigest()
    settings.AUDIT_HMAC_KEY = "another-key-another-key-another-key-another-key-another"
    assert [str(p) for p in audit.verify()] == ["Entry 1: was changed after it was written"]


def test_the_exported_head_is_the_newest_entry_and_its_mac(db):
    entries = _entries(3)
    assert _exported_head() == f"3:{entries[2].entry_hash}"
    _entries(2)  # The log grows; the head exported earlier is still in it.
    out = io.StringIO()
    call_command("verify_audit_log", "--head", f"3:{entries[2].entry_hash}", stdout=out)
    assert "5 entries verified, up to and including entry 3 as exported" in out.getvalue()


def test_cutting_off_the_newest_entries_is_detected_with_the_exported_head(db):
    entries = _entries(6)
    head = _exported_head()
    # Delete the newest three and make the head row agree: no key needed for that.
    AuditEntry.objects.filter(pk__in=[entry.pk for entry in entries[3:]]).delete()
    AuditChainHead.objects.filter(pk=1).update(sequence=3, last_hash=entries[2].entry_hash)
    call_command("verify_audit_log")  # The log alone cannot tell.

    assert [str(p) for p in audit.verify(head=audit.Head.parse(head))] == [
        "Entry 6: the exported head is missing: entries from 4 on were deleted"]
    with pytest.raises(CommandError, match="tampered with: 1 problem"):
        call_command("verify_audit_log", "--head", head)


def test_rewriting_the_log_with_the_key_is_detected_with_the_exported_head(db):
    """Even someone holding AUDIT_HMAC_KEY cannot change what came before an exported head."""
    entries = _entries(5)
    head = _exported_head()
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    _recompute_chain(lambda content: hmac.new(django_settings.AUDIT_HMAC_KEY.encode(), content.encode(),
                                              hashlib.sha256).hexdigest())
    _entries(1)
    assert audit.verify() == []

    with pytest.raises(CommandError, match="tampered with"):
        call_command("verify_audit_log", "--head", head)
    assert [str(p) for p in audit.verify(head=audit.Head.parse(head))] == [
        "Entry 5: is not the entry exported as the head (the log was rewritten)"]


def test_a_head_is_not_exported_from_a_broken_log(db):
    entries = _entries(3)
    AuditEntry.objects.filter(pk=entries[0].pk).update(detail="changed")
    with pytest.raises(CommandError, match="tampered with"):
        call_command("verify_audit_log", "--export-head")


def test_a_malformed_head_and_an_empty_log_are_refused(db):
    with pytest.raises(CommandError, match="a head is SEQUENCE:MAC"):
        call_command("verify_audit_log", "--head", "12")
    with pytest.raises(CommandError, match="empty"):
        call_command("verify_audit_log", "--export-head")


# -- Entries made before AUDIT_HMAC_KEY ------------------------------------------------

def _entries_made_before_the_key(n):
    """As versions before the key wrote them (and migration 0002 chained them)."""
    entries = _entries(n)
    _recompute_chain(_sha256)
    return entries


def test_entries_made_before_the_key_are_signed_once_after_upgrading(db):
    _entries_made_before_the_key(4)
    _entries(2)  # Written by this version, linked to the old entries.
    with pytest.raises(CommandError, match="tampered with: 1 problem"):
        call_command("verify_audit_log")

    out = io.StringIO()
    call_command("verify_audit_log", "--sign-legacy", stdout=out)

    assert out.getvalue().startswith("4 entries made before AUDIT_HMAC_KEY are now signed with it")
    assert audit.verify() == []
    assert AuditChainHead.objects.get().last_hash == AuditEntry.objects.get(sequence=6).entry_hash
    _entries(1)
    assert audit.verify() == []


def test_signing_refuses_a_log_with_other_problems_and_changes_nothing(db):
    _entries_made_before_the_key(3)
    AuditEntry.objects.filter(sequence=2).delete()
    before = list(AuditEntry.objects.values_list("sequence", "entry_hash"))

    with pytest.raises(CommandError, match="Nothing was signed"):
        call_command("verify_audit_log", "--sign-legacy")

    assert list(AuditEntry.objects.values_list("sequence", "entry_hash")) == before


def test_an_unkeyed_entry_after_keyed_ones_is_not_taken_for_an_old_one(db):
    entries = _entries(3)
    forged = AuditEntry.objects.get(pk=entries[2].pk)
    forged.detail = "forged"
    forged.entry_hash = _sha256(forged.content())
    forged.save()
    AuditChainHead.objects.filter(pk=1).update(last_hash=forged.entry_hash)

    assert [str(p) for p in audit.verify()] == ["Entry 3: was changed after it was written"]
    with pytest.raises(CommandError, match="Nothing was signed"):
        call_command("verify_audit_log", "--sign-legacy")
