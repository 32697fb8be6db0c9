"""What sending a public form does.

A complaint becomes a case (complaints.casework.services.record_case) received
today in Europe/London, at Stage 1 of the statutory procedure until the
complaints officer decides otherwise ("Decide the procedure" on the case page),
with no officer, so it waits in "Not yet allocated" on My work: the complaints
team's queue. A receipt email is queued in the same transaction, so the case
never exists without it and a mail outage loses nothing (the outbox retries;
``send_reminders --deliver-only`` delivers). A compliment becomes a compliment
record.

Each form is accepted once (its token) and counted against its sender's
address for INTAKE_RATE_LIMIT (complaints.intake.limits), in the same
transaction: all of it or none.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from complaints import workdays
from complaints.casework import procedure
from complaints.casework import services as casework
from complaints.casework.models import (
    Case,
    Channel,
    Disability,
    Ethnicity,
    Monitoring,
    Religion,
    Theme,
)
from complaints.intake import limits
from complaints.intake.models import Attachment, PublicSubmission
from complaints.intake.uploads import StoredFile
from complaints.notifications.outbox import enqueue
from complaints.records.models import Compliment

# No theme means "not yet classified": a public complaint's one point is filed
# under "Other" until the officer reads it.
UNCLASSIFIED_THEME = "other"
ONLINE = "online"
PROCEDURE_REASON = (
    "Statutory by default: made through the public form. The complaints officer decides "
    "which procedure applies."
)


@dataclass
class PublicComplaint:
    """A complaint as the public forms collect it."""

    form: str
    name: str
    relationship: str
    summary: str
    children: list[dict]
    desired_outcome: str = ""
    team: object = None
    email: str = ""
    phone: str = ""
    address: str = ""
    support_needs: str = ""
    # For each child, in order: the answers for a Monitoring row, or None.
    monitoring: list[dict | None] = field(default_factory=list)
    # Children and young people who complain are offered an advocate (s26A
    # Children Act 1989); their answer: True, False or None (not sure).
    advocate_offered: bool = False
    advocate_accepted: bool | None = None
    files: list[StoredFile] = field(default_factory=list)

    @property
    def channel_code(self) -> str:
        if self.form == PublicSubmission.Form.YOUNG_PERSON:
            return settings.INTAKE_CHANNEL
        return ONLINE


def _once(token: str, send) -> PublicSubmission:
    """Run ``send`` in one transaction, unless the form with this token was
    sent already (twice-pressed button, a second tab): then return that."""
    try:
        with transaction.atomic():
            return send()
    except IntegrityError:
        sent = PublicSubmission.objects.filter(token=token).first()
        if sent is None:
            raise
        return sent


def send_complaint(complaint: PublicComplaint, *, token: str, address: str | None) -> PublicSubmission:
    """Record a complaint made through a public form. See the module docstring."""
    return _once(token, lambda: _send_complaint(complaint, token, address))


def _send_complaint(complaint: PublicComplaint, token: str, address: str | None) -> PublicSubmission:
    submission = limits.accept_form(token, complaint.form, address)
    case = casework.record_case(casework.NewCase(
        kind=Case.Kind.COMPLAINT,
        procedure=Case.Procedure.STATUTORY,
        procedure_reason=PROCEDURE_REASON,
        received_on=casework.today(),
        channel=Channel.objects.get(code=complaint.channel_code),
        team=complaint.team,
        summary=complaint.summary,
        desired_outcome=complaint.desired_outcome,
        complainant={
            "name": complaint.name, "relationship": complaint.relationship,
            "email": complaint.email, "phone": complaint.phone, "address": complaint.address,
            "support_needs": complaint.support_needs,
        },
        children=complaint.children,
        points=[{"summary": complaint.summary, "theme": Theme.objects.get(code=UNCLASSIFIED_THEME)}],
    ), by=None)
    submission.case = case
    submission.save(update_fields=["case"])
    made = f"Made through the public form ({submission.get_form_display().lower()})."
    if complaint.email:
        made += " Receipt emailed to the complainant (queued in the outbox)."
        _queue_receipt(case, young=complaint.form == PublicSubmission.Form.YOUNG_PERSON)
    casework.note(case, made)
    _record_monitoring(case, complaint.monitoring)
    if complaint.advocate_offered:
        procedure.record_advocacy(case, offered_on=case.received_on,
                                  accepted=complaint.advocate_accepted, provided=False, provider="",
                                  by=None)
    Attachment.objects.bulk_create(
        Attachment(case=case, name=f.name, content_type=f.content_type, size=f.size,
                   sha256=f.sha256, path=f.path)
        for f in complaint.files
    )
    limits.uploads_sent([f.path for f in complaint.files])
    return submission


def _record_monitoring(case: Case, answers: list[dict | None]) -> None:
    """Equality answers, each child's in its own Monitoring row: nowhere else."""
    if not any(answers):
        return
    children = list(case.children.order_by("id"))
    for child, row in zip(children, answers):
        if row is None:
            continue
        monitoring = Monitoring.objects.create(
            child=child, gender=row["gender"],
            ethnicity=Ethnicity.objects.filter(code=row["ethnicity"]).first() if row["ethnicity"] else None,
            religion=Religion.objects.filter(code=row["religion"]).first() if row["religion"] else None,
        )
        if row["disabilities"]:
            monitoring.disabilities.set(Disability.objects.filter(code__in=row["disabilities"]))


def _queue_receipt(case: Case, *, young: bool) -> None:
    """Queue the receipt email: the reference and dates only, never a name nor
    what the complaint says."""
    facts = receipt(case)
    context = {"receipt": facts, "council_name": settings.COUNCIL_NAME}
    enqueue(
        to=case.complainant.email,
        subject=f"We got your message: {case.reference}" if young else
        f"Your complaint to {settings.COUNCIL_NAME}: {case.reference}",
        body=render_to_string("intake/email/receipt_young.txt" if young else
                              "intake/email/receipt.txt", context),
        dedupe_key=f"intake-receipt:{case.reference}",
    )


def send_compliment(*, token: str, address: str | None, team, given_by: str, words: str,
                    consent: bool) -> PublicSubmission:
    """Record a compliment sent through the public form."""

    def send():
        submission = limits.accept_form(token, PublicSubmission.Form.COMPLIMENT, address)
        submission.compliment = Compliment.objects.create(
            received_on=casework.today(), team=team, given_by=given_by, words=words,
            consent_to_publish=consent,
        )
        submission.save(update_fields=["compliment"])
        return submission

    return _once(token, send)


# -- What the complainant is told ---------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    """What the confirmation page and the receipt email say."""

    reference: str
    received_on: date
    reply_by: date | None
    # Set when the day it was sent is not a working day: the day counting starts.
    counted_from: date | None = None
    # "on a Saturday", "on Boxing Day", "on a bank holiday (Easter Monday)".
    sent_on_a: str = ""
    email: str = ""


def receipt(case: Case) -> Receipt:
    """The reference, the Stage 1 response's due date and, when it was sent on
    a day that is not a working day, the day counting starts. Two queries."""
    stage = case.stages.filter(number=1).first()
    due = workdays.DueDate.from_dict(stage.due_explanation) if stage and stage.due_explanation else None
    counted_from, sent_on_a = None, ""
    if due is not None and due.counted_from != due.start:
        counted_from = due.counted_from
        reason = next((s.reason for s in due.skipped if s.day == due.start), "")
        sent_on_a = non_working_day(reason)
    return Receipt(
        reference=case.reference, received_on=case.received_on,
        reply_by=stage.due_on if stage else None, counted_from=counted_from,
        sent_on_a=sent_on_a, email=case.complainant.email,
    )


def non_working_day(reason: str) -> str:
    """A calendar's reason for a non-working day, as "you sent this …" words."""
    if reason in {"Saturday", "Sunday"}:
        return f"on a {reason}"
    if reason.startswith("Bank holiday: "):
        return f"on a bank holiday ({reason.removeprefix('Bank holiday: ')})"
    if reason.startswith("Local closure day"):
        return "on a day we are closed"
    return f"on {reason}" if reason else "on a day that is not a working day"
