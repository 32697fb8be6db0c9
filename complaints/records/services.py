"""Rules that change the other records: each is one function, called by a
view, the admin, a command or an import."""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum

from complaints import workdays
from complaints.casework import services as casework
from complaints.records.models import (
    CURRENT,
    DECISION_VOCABULARY,
    OLDER,
    Action,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
    compliment_publication_findings,
)

# -- Costs ----------------------------------------------------------------------------


def cost_totals(queryset) -> dict:
    """The expenditure table: {"by_category": {label: total}, "total": total}, every
    category listed in order (£0.00 where nothing was spent). One query."""
    sums = dict(queryset.order_by().values("category").annotate(total=Sum("amount"))
                .values_list("category", "total"))
    by_category = {
        label: sums.get(value) or Decimal("0.00") for value, label in Cost.Category.choices
    }
    return {"by_category": by_category, "total": sum(by_category.values(), Decimal("0.00"))}


# -- Members' enquiries ---------------------------------------------------------------


def members_enquiry_due(received_on: date, *, calendar: workdays.Calendar | None = None):
    """The response due date for a members' enquiry received on ``received_on``:
    MEMBERS_ENQUIRY_TARGET_DAYS working days on the corporate calendar, explained."""
    return workdays.due(
        calendar or casework.calendar("corporate"),
        workdays.timescale("members", "response"),
        received_on,
        days=settings.MEMBERS_ENQUIRY_TARGET_DAYS,
    )


def set_members_enquiry_due(enquiry: MembersEnquiry) -> workdays.DueDate:
    """Work out and set (not save) the enquiry's due date and its explanation."""
    due = members_enquiry_due(enquiry.received_on)
    enquiry.due_on = due.due
    enquiry.due_explanation = due.as_dict()
    return due


def record_members_enquiry(
    *, member_name: str, member_kind: str, received_on: date, subject: str,
    team=None, case=None, responded_on: date | None = None,
) -> MembersEnquiry:
    """Record a councillor's or MP's enquiry with its stored due date."""
    enquiry = MembersEnquiry(
        member_name=member_name,
        member_kind=member_kind,
        received_on=received_on,
        subject=subject,
        team=team,
        case=case,
        responded_on=responded_on,
    )
    set_members_enquiry_due(enquiry)
    enquiry.full_clean()
    enquiry.save()
    return enquiry


def save_members_enquiry(enquiry: MembersEnquiry, *, received_on_changed: bool) -> MembersEnquiry:
    """Save changes to an enquiry. When the date received changed, its due date
    and explanation are worked out again: the due date is never typed."""
    if received_on_changed:
        set_members_enquiry_due(enquiry)
    enquiry.full_clean()
    enquiry.save()
    return enquiry


def record_members_response(enquiry: MembersEnquiry, *, on: date) -> MembersEnquiry:
    """Record the date the council answered the enquiry."""
    enquiry.responded_on = on
    enquiry.full_clean()
    enquiry.save(update_fields=["responded_on"])
    return enquiry


@transaction.atomic
def recompute_open_members_enquiry_due_dates() -> int:
    """Work out again the due dates of unanswered members' enquiries after the
    calendar changed, keeping each one's count of days. Returns how many moved."""
    cal = casework.calendar("corporate")
    moved = 0
    for enquiry in MembersEnquiry.objects.unanswered().iterator():
        if enquiry.due_explanation:
            due = workdays.DueDate.from_dict(enquiry.due_explanation).recomputed(cal)
        else:
            due = members_enquiry_due(enquiry.received_on, calendar=cal)
        if due.due != enquiry.due_on or due.as_dict() != enquiry.due_explanation:
            enquiry.due_on, enquiry.due_explanation = due.due, due.as_dict()
            enquiry.save(update_fields=["due_on", "due_explanation"])
            moved += 1
    return moved


def members_enquiries_summary(queryset, today: date) -> dict:
    """The line the members' page gives: how many enquiries, how many are
    settled (answered, or past their due date), how many were answered within
    target, and that as a share of the settled (None when none are). One query."""
    counts = queryset.aggregate(
        total=Count("id"),
        counted=Count("id", filter=Q(pk__in=queryset.decided_by(today).values("pk"))),
        within=Count("id", filter=Q(pk__in=queryset.answered_within_target().values("pk"))))
    counted, within = counts["counted"], counts["within"]
    return {
        "total": counts["total"],
        "counted": counted,
        "within_target": within,
        "percent_within_target": round(100 * within / counted, 1) if counted else None,
    }


# -- Ombudsman ------------------------------------------------------------------------


def ombudsman_decisions(queryset) -> dict[str, dict[str, int]]:
    """Decisions counted under each LGSCO vocabulary, every decision listed (with
    0s) in the Ombudsman's order, keyed by label: {"older": {...}, "current": {...}}."""
    counts = Counter(queryset.exclude(decision="").values_list("decision", flat=True))
    report = {OLDER: {}, CURRENT: {}}
    for value, label in OmbudsmanCase.Decision.choices:
        report[DECISION_VOCABULARY[value]][label] = counts.get(value, 0)
    return report


# -- Action plan ----------------------------------------------------------------------


def overdue_actions(today: date):
    """The action plan's open actions past their target date, most overdue first
    (for My work). One query when read."""
    return Action.objects.overdue(today).order_by("target_on", "number")


# -- Compliments ----------------------------------------------------------------------

# What the approval rests on: change one and the compliment must be approved again.
APPROVED_FROM = ("words", "staff_named", "consent_to_publish")


def approve_compliment(compliment: Compliment, *, published_text: str, by) -> Compliment:
    """An officer approves the words a report may quote, with the names taken out."""
    compliment.published_text = published_text.strip()
    compliment.approved_on = casework.today()
    compliment.approved_by = by
    findings = compliment_publication_findings(
        consent_to_publish=compliment.consent_to_publish, approved_on=compliment.approved_on,
        published_text=compliment.published_text)
    if findings:
        raise ValidationError([message for _, message in findings])
    compliment.save(update_fields=["published_text", "approved_on", "approved_by"])
    return compliment


def withdraw_compliment_approval(compliment: Compliment) -> Compliment:
    """Nothing of it is quoted again until it is approved again."""
    compliment.approved_on, compliment.approved_by = None, None
    compliment.save(update_fields=["approved_on", "approved_by"])
    return compliment


def save_compliment(compliment: Compliment, *, changed: list[str]) -> Compliment:
    """A compliment changed by staff: if what its approval rested on changed
    (the words, the staff named, the agreement), the approval goes with it."""
    if compliment.approved_on and set(changed) & set(APPROVED_FROM):
        compliment.approved_on, compliment.approved_by = None, None
    compliment.save()
    return compliment
