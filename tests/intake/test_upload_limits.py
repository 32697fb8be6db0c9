"""What one network address may upload: INTAKE_UPLOAD_BYTES_PER_HOUR of files
an hour and INTAKE_PENDING_UPLOADS files waiting to be sent, counted with the
form rate limit's one mechanism (complaints.intake.limits). Over either, the
upload is refused with a GOV.UK error and nothing is written."""

import io
import os
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from complaints.intake import limits
from complaints.intake.models import PublicUpload
from tests.intake.answers import answer, complaint_answers, fill, send, step_url

DOCUMENTS = step_url("complaint", "documents")
KB = 1024


def pdf(name, size):
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def at_documents(address="127.0.0.1") -> Client:
    """A new person (a session of their own) at the files page."""
    client = Client(REMOTE_ADDR=address)
    answers = complaint_answers()
    answer(client, "complaint", {step: a for step, a in answers.items()
                                 if step not in {"documents", "equality"}})
    return client


def add(client, *files):
    return client.post(DOCUMENTS, {"files": list(files), "add": "1"})


def on_disk(attachments_dir) -> list[int]:
    folder = attachments_dir / "uploads"
    return sorted(path.stat().st_size for path in folder.iterdir()) if folder.is_dir() else []


def error(response) -> list[str]:
    return response.context["form"].errors["files"]


@pytest.fixture
def limited(settings):
    """The defaults' proportions (10MB files, 100MB an hour, 10 waiting) at a
    thousandth of the size."""
    settings.ATTACHMENT_MAX_BYTES = 10 * KB
    settings.INTAKE_UPLOAD_BYTES_PER_HOUR = 100 * KB
    settings.INTAKE_PENDING_UPLOADS = 10
    return settings


def test_four_sessions_from_one_address_cannot_fill_the_disk(limited, attachments_dir, db):
    """The attack: four sessions each add five files of the largest size, and
    send nothing."""
    sessions = [at_documents() for _ in range(4)]

    responses = [add(client, *(pdf(f"file{n}.pdf", 10 * KB) for n in range(5))) for client in sessions]

    assert [r.status_code for r in responses] == [302, 302, 200, 200]
    for refused in responses[2:]:
        assert error(refused) == ["You can upload up to 100KB of files in an hour: try again later"]
        page = refused.content.decode()
        assert "There is a problem" in page and "<title>Error: " in page
    assert sum(on_disk(attachments_dir)) == 100 * KB
    assert PublicUpload.objects.count() == 10


def test_over_the_hourly_limit_nothing_is_written_until_the_hour_has_passed(settings, attachments_dir, db):
    settings.INTAKE_UPLOAD_BYTES_PER_HOUR = 30 * KB
    client = at_documents()
    assert add(client, pdf("a.pdf", 10 * KB), pdf("b.pdf", 10 * KB)).status_code == 302

    refused = add(client, pdf("c.pdf", 10 * KB), pdf("d.pdf", 10 * KB))

    assert error(refused) == ["You can upload up to 30KB of files in an hour: try again later"]
    assert on_disk(attachments_dir) == [10 * KB, 10 * KB]
    assert [f["name"] for f in client.session["intake:complaint"]["uploads"]] == ["a.pdf", "b.pdf"]
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert add(client, pdf("c.pdf", 10 * KB), pdf("d.pdf", 10 * KB)).status_code == 302
    assert len(on_disk(attachments_dir)) == 4


def test_a_removed_file_still_counts_towards_the_hour(settings, db):
    settings.INTAKE_UPLOAD_BYTES_PER_HOUR = 20 * KB
    client = at_documents()
    add(client, pdf("a.pdf", 10 * KB), pdf("b.pdf", 10 * KB))
    for stored in client.session["intake:complaint"]["uploads"]:
        client.post(DOCUMENTS, {"remove": stored["path"]})

    assert error(add(client, pdf("c.pdf", 10 * KB))) == [
        "You can upload up to 20KB of files in an hour: try again later"]


def test_only_so_many_files_may_wait_to_be_sent_from_one_address(settings, attachments_dir, db):
    settings.INTAKE_PENDING_UPLOADS = 6
    first, second = at_documents(), at_documents()
    assert add(first, *(pdf(f"file{n}.pdf", KB) for n in range(5))).status_code == 302

    refused = add(second, pdf("x.pdf", KB), pdf("y.pdf", KB))

    assert error(refused) == [
        "You can have up to 6 files waiting to be sent: send your complaint before adding more, "
        "or try again later"]
    assert len(on_disk(attachments_dir)) == 5
    assert add(second, pdf("x.pdf", KB)).status_code == 302
    assert error(add(second, pdf("y.pdf", KB)))


def test_files_sent_with_a_complaint_or_removed_no_longer_wait(settings, on_friday_16_december_2022):
    settings.INTAKE_PENDING_UPLOADS = 6
    first, second = at_documents(), at_documents()
    add(first, *(pdf(f"file{n}.pdf", KB) for n in range(5)))
    add(second, pdf("x.pdf", KB))
    fill(first, "complaint", {"documents": {}, "equality": {}})
    send(first, "complaint")

    assert add(second, pdf("y.pdf", KB), pdf("z.pdf", KB)).status_code == 302
    stored = second.session["intake:complaint"]["uploads"][0]
    second.post(DOCUMENTS, {"remove": stored["path"]})
    assert add(second, pdf("w.pdf", KB)).status_code == 302
    assert PublicUpload.objects.filter(status=PublicUpload.Status.WAITING).count() == 3


def test_another_address_has_its_own_allowance(limited, db):
    for _ in range(2):
        add(at_documents(), *(pdf(f"file{n}.pdf", 10 * KB) for n in range(5)))

    elsewhere = at_documents("192.0.2.7")

    assert add(elsewhere, pdf("letter.pdf", 10 * KB)).status_code == 302


def test_the_address_is_kept_only_as_the_rate_limits_keyed_hash(db):
    add(at_documents(), pdf("letter.pdf", KB))

    upload = PublicUpload.objects.get()
    assert upload.address == limits.address_key("127.0.0.1") and "127.0.0.1" not in upload.address


def test_files_reserved_at_once_past_the_limit_record_nothing(settings, db):
    settings.INTAKE_UPLOAD_BYTES_PER_HOUR = 30 * KB
    limits.reserve_uploads("192.0.2.1", {"uploads/a.pdf": 20 * KB})

    with pytest.raises(limits.UploadsRefused) as refused:
        limits.reserve_uploads("192.0.2.1", {"uploads/b.pdf": 5 * KB, "uploads/c.pdf": 6 * KB})

    assert refused.value.reason == limits.PER_HOUR
    assert list(PublicUpload.objects.values_list("path", flat=True)) == ["uploads/a.pdf"]


def test_the_upload_handler_stops_reading_files_once_past_the_allowance(settings, db):
    settings.INTAKE_UPLOAD_BYTES_PER_HOUR = 30 * KB
    limits.reserve_uploads("192.0.2.1", {"uploads/a.pdf": 20 * KB})
    handler = limits.LimitedUploadHandler(None, "192.0.2.1")

    handler.new_file("files", "b.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"0" * 8 * KB, 0)
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"0" * 8 * KB, 8 * KB)
    with pytest.raises(SkipFile):
        handler.new_file("files", "c.pdf", "application/pdf", None)

    assert handler.over == limits.PER_HOUR


def test_the_daily_clear_up_forgets_uploads_older_than_a_day(attachments_dir, db):
    add(at_documents(), pdf("old.pdf", KB))
    old = PublicUpload.objects.get()
    PublicUpload.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=2))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(attachments_dir / old.path, (two_days_ago, two_days_ago))
    add(at_documents(), pdf("new.pdf", KB))

    call_command("clear_abandoned_uploads", stdout=io.StringIO())

    assert list(PublicUpload.objects.values_list("path", flat=True)) == [
        PublicUpload.objects.exclude(pk=old.pk).get().path]
    assert not (attachments_dir / old.path).exists()
