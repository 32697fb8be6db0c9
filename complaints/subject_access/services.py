"""Rules that change a subject access request: recording it with its due
date, extending it, and ending it (pack sent, closed, refused). Each is one
function a view calls; the view audits it."""

from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction

from complaints.accounts.access import Action, can, roles_that_may
from complaints.accounts.models import User
from complaints.casework.references import take_reference
from complaints.casework.services import calendar, format_day
from complaints.subject_access import deadlines
from complaints.subject_access.models import SubjectAccessRequest

Status = SubjectAccessRequest.Status


class RequestError(ValueError):
    """A change the request's state does not allow, with a message for the officer."""


def _calendar():
    # Weekends and bank holidays (with an administrator's corrections): the
    # ICO's "weekend or public holiday". Local closure days do not stop the clock.
    return calendar("statutory")


def response_due(received_on: date) -> deadlines.Deadline:
    return deadlines.response_due(received_on, _calendar())


def latest_extension(received_on: date) -> deadlines.Deadline:
    return deadlines.latest_extension(received_on, _calendar())


# -- Approving a restricted case's disclosure --------------------------------------


def approvers(*, making_the_pack):
    """Who may approve restricted cases going into a pack made by
    ``making_the_pack``: active users whose role may approve, other than them. No query."""
    may = roles_that_may(Action.APPROVE_RESTRICTED_DISCLOSURE)
    return (User.objects.filter(is_active=True, role__in=may).exclude(pk=making_the_pack.pk)
            .order_by("first_name", "last_name", "username"))


def approval_problem(restricted_references: list[str], *, by, approved_by) -> str:
    """Why a pack holding these restricted cases may not be made by ``by`` with
    ``approved_by``'s approval ("" if it may): a restricted case needs a named
    approver, someone other than the person making the pack, whose role may approve."""
    if not restricted_references:
        return ""
    if approved_by is None:
        plural = "s" if len(restricted_references) > 1 else ""
        return (f"Select who approved including the restricted case{plural} "
                f"{', '.join(restricted_references)}")
    if by is not None and approved_by.pk == by.pk:
        return "The person who approved including restricted cases must be someone other than you"
    if not can(approved_by, Action.APPROVE_RESTRICTED_DISCLOSURE):
        return f"{approved_by} may not approve including restricted cases"
    return ""


# -- Recording a request --------------------------------------------------------------


@dataclass
class NewRequest:
    requester_name: str
    relationship: str
    subject_name: str
    received_on: date
    subject_date_of_birth: date | None = None
    subject_email: str = ""
    other_identifiers: str = ""
    notes: str = ""


def record_request(new: NewRequest, *, by) -> SubjectAccessRequest:
    """Record a request received, with its due date (one calendar month) and how
    it was worked out. The reference is SAR-<year received>-NNNN."""
    due = response_due(new.received_on)
    with transaction.atomic():
        return SubjectAccessRequest.objects.create(
            reference=take_reference(SubjectAccessRequest, "SAR", new.received_on.year), **asdict(new),
            due_on=due.due, due_explanation=due.text(), created_by=by,
        )


# -- Extending ------------------------------------------------------------------------


def extension_problem(sar: SubjectAccessRequest, extended_to: date, told_on: date) -> tuple[str, str]:
    """Why the request may not be extended to ``extended_to`` with the requester
    told on ``told_on``, as (the field at fault, the message), or ("", "") if it
    may: by at most two further months (Article 12(3): three months from receipt),
    the requester told within the first month."""
    if not sar.is_open:
        return "", f"The request is {sar.get_status_display().lower()}: it can no longer be extended"
    if extended_to <= sar.deadline_on:
        return "extended_to", f"The new due date must be after {format_day(sar.deadline_on)}"
    latest = latest_extension(sar.received_on)
    if extended_to > latest.due:
        return "extended_to", (f"The new due date must be on or before {format_day(latest.due)}: "
                               "a request can be extended by two further months at most")
    if told_on < sar.received_on:
        return "told_on", ("The date the requester was told must be on or after the date the "
                           f"request was received, {format_day(sar.received_on)}")
    if told_on > sar.due_on:
        return "told_on", (f"The date the requester was told must be on or before {format_day(sar.due_on)}: "
                           "they must be told within one month of the request")
    return "", ""


def extend(sar: SubjectAccessRequest, *, to: date, reason: str, told_on: date) -> SubjectAccessRequest:
    """Extend the deadline to ``to``; refused (RequestError) beyond two further
    months, or when the requester was not told within the first month."""
    _, problem = extension_problem(sar, to, told_on)
    if problem:
        raise RequestError(problem)
    if not reason.strip():
        raise RequestError("Enter why the request needs more time")
    sar.extended_to, sar.extension_reason, sar.extension_told_on = to, reason.strip(), told_on
    sar.save(update_fields=["extended_to", "extension_reason", "extension_told_on"])
    return sar


# -- Ending ---------------------------------------------------------------------------


def _on_or_after_receipt(sar: SubjectAccessRequest, on: date, what: str) -> None:
    if on < sar.received_on:
        raise RequestError(f"The date {what} must be on or after the date the request was "
                           f"received, {format_day(sar.received_on)}")


def mark_pack_sent(sar: SubjectAccessRequest, *, on: date) -> SubjectAccessRequest:
    if not sar.is_open:
        raise RequestError(f"The request is already {sar.get_status_display().lower()}")
    _on_or_after_receipt(sar, on, "the pack was sent")
    sar.status, sar.pack_sent_on = Status.PACK_SENT, on
    sar.save(update_fields=["status", "pack_sent_on"])
    return sar


def close(sar: SubjectAccessRequest, *, on: date, note: str = "") -> SubjectAccessRequest:
    """Close a request: after its pack was sent, or without one (for example,
    withdrawn, or the requester's identity not confirmed); ``note`` says why and
    is added to the request's notes."""
    if sar.status in (Status.CLOSED, Status.REFUSED):
        raise RequestError(f"The request is already {sar.get_status_display().lower()}")
    _on_or_after_receipt(sar, on, "the request was closed")
    if sar.pack_sent_on and on < sar.pack_sent_on:
        raise RequestError(f"The date the request was closed must be on or after the date the pack "
                           f"was sent, {format_day(sar.pack_sent_on)}")
    sar.status, sar.closed_on = Status.CLOSED, on
    if note.strip():
        sar.notes = "\n\n".join(filter(None, [sar.notes, f"Closed {format_day(on)}: {note.strip()}"]))
    sar.save(update_fields=["status", "closed_on", "notes"])
    return sar


def refuse(sar: SubjectAccessRequest, *, reason: str, on: date) -> SubjectAccessRequest:
    """Refuse a request (for example, manifestly unfounded or excessive:
    Article 12(5)); the reason is kept and the requester must be told it."""
    if not sar.is_open:
        raise RequestError(f"The request is already {sar.get_status_display().lower()}")
    if not reason.strip():
        raise RequestError("Enter why the request is refused")
    _on_or_after_receipt(sar, on, "the request was refused")
    sar.status, sar.refusal_reason, sar.closed_on = Status.REFUSED, reason.strip(), on
    sar.save(update_fields=["status", "refusal_reason", "closed_on"])
    return sar
