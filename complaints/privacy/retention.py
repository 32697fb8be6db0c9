"""Retention that keeps the statistics.

Once a record is past its retention date (closure plus the rule's years) and
not on legal hold, a complaints manager confirms its destruction. Destroying
removes everything that identifies anyone — names, contact details, dates of
birth, free text, letters, attachments, the timeline — and keeps the
statistical skeleton the reports count: dates, stages, team, themes, findings,
outcome, channel, complainant type, age at receipt, equality monitoring, costs.
What was destroyed, when, by whom and under which rule is recorded without the
content (DestructionRecord). A year's annual report is the same before and after.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from complaints.casework.models import Case, Child, Complainant, Deferral, Learning, Point, Remedy, Stage
from complaints.privacy.models import DestructionRecord, RecordType, RetentionRule
from complaints.records.models import Compliment, MembersEnquiry

DESTROYED = "[destroyed]"


def years_for(record_type: str) -> int:
    rule = RetentionRule.objects.filter(record_type=record_type).first()
    return rule.years if rule else settings.RETENTION_YEARS[record_type]


def rule_text(record_type: str) -> str:
    rule = RetentionRule.objects.filter(record_type=record_type).first()
    text = f"{RecordType(record_type).label}: {years_for(record_type)} years after closure"
    return f"{text} ({rule.authority})" if rule and rule.authority else text


def _cutoff(years: int, today: date) -> date:
    """Records closed on or before this day are past their retention date."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@dataclass
class Due:
    record_type: str
    records: list
    rule: str


def due(today: date | None = None) -> list[Due]:
    """Every record past its retention date and not on legal hold, by type."""
    today = today or timezone.localdate()
    out = []
    for record_type, kind in ((RecordType.COMPLAINT, Case.Kind.COMPLAINT), (RecordType.ENQUIRY, Case.Kind.ENQUIRY)):
        cases = (Case.objects.filter(kind=kind, status=Case.Status.CLOSED, legal_hold=False, destroyed_at=None,
                                     closed_on__lte=_cutoff(years_for(record_type), today))
                 .order_by("closed_on", "reference"))
        out.append(Due(record_type, list(cases), rule_text(record_type)))
    members = MembersEnquiry.objects.filter(
        responded_on__lte=_cutoff(years_for(RecordType.MEMBERS), today)).exclude(subject=DESTROYED)
    out.append(Due(RecordType.MEMBERS, list(members.order_by("responded_on")), rule_text(RecordType.MEMBERS)))
    compliments = Compliment.objects.filter(
        received_on__lte=_cutoff(years_for(RecordType.COMPLIMENT), today)).exclude(staff_named="", words="")
    compliments = compliments.exclude(Q(staff_named="") & Q(consent_to_publish=True))
    out.append(Due(RecordType.COMPLIMENT, list(compliments.order_by("received_on")),
                   rule_text(RecordType.COMPLIMENT)))
    return out


@transaction.atomic
def destroy_case(case: Case, *, by) -> DestructionRecord:
    """Remove everything identifying from a case; keep what the reports count."""
    if case.legal_hold:
        raise ValueError(f"{case.reference} is on legal hold")
    if case.destroyed_at:
        raise ValueError(f"{case.reference} was already destroyed")
    Complainant.objects.filter(case=case).update(
        name=DESTROYED, email="", phone="", address="", support_needs="")
    # The age at receipt stays (the reports' age bands); the monitoring stays.
    Child.objects.filter(case=case).update(name=DESTROYED, date_of_birth=None, person_id="")
    Point.objects.filter(case=case).update(summary=DESTROYED)
    # Free text that the reports test for being present keeps a placeholder.
    Stage.objects.filter(case=case).exclude(extension_reason="").update(extension_reason=DESTROYED)
    Stage.objects.filter(case=case).exclude(late_request_decision="").update(late_request_decision=DESTROYED)
    Stage.objects.filter(case=case).exclude(investigating_officer="").update(investigating_officer=DESTROYED)
    Stage.objects.filter(case=case).exclude(adjudicator="").update(adjudicator=DESTROYED)
    Remedy.objects.filter(case=case).update(detail="")
    Learning.objects.filter(case=case).update(text=DESTROYED)
    Deferral.objects.filter(case=case).update(reason=DESTROYED)
    case.timeline.all().delete()
    case.letters.all().delete()
    # Files sent with the complaint (the public forms app), after the transaction commits.
    if hasattr(case, "attachments"):
        paths = [attachment.file_path for attachment in case.attachments.all()]
        case.attachments.all().delete()
        transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in paths])
    for field in ("summary", "desired_outcome", "resolution", "withdrawal_reason", "procedure_reason",
                  "time_limit_discretion", "restriction_reason", "legal_hold_reason"):
        if getattr(case, field):
            setattr(case, field, DESTROYED)
    case.advocacy_provider = DESTROYED if case.advocacy_provider else ""
    case.destroyed_at = timezone.now()
    case.save()
    record_type = RecordType.COMPLAINT if case.kind == Case.Kind.COMPLAINT else RecordType.ENQUIRY
    return DestructionRecord.objects.create(record_type=record_type, reference=case.reference,
                                            closed_on=case.closed_on, rule=rule_text(record_type), destroyed_by=by)


@transaction.atomic
def destroy_members_enquiry(enquiry: MembersEnquiry, *, by) -> DestructionRecord:
    enquiry.member_name, enquiry.subject = DESTROYED, DESTROYED
    enquiry.save(update_fields=["member_name", "subject"])
    return DestructionRecord.objects.create(
        record_type=RecordType.MEMBERS, reference=f"Members' correspondence {enquiry.pk}",
        closed_on=enquiry.responded_on, rule=rule_text(RecordType.MEMBERS), destroyed_by=by)


@transaction.atomic
def destroy_compliment(compliment: Compliment, *, by) -> DestructionRecord:
    """A compliment agreed for publication keeps its published words (names
    already replaced by "X"), so published examples stay; the rest lose them."""
    compliment.words = compliment.published_words() if compliment.consent_to_publish else DESTROYED
    compliment.staff_named = ""
    compliment.save(update_fields=["words", "staff_named"])
    return DestructionRecord.objects.create(
        record_type=RecordType.COMPLIMENT, reference=f"Compliment {compliment.pk}",
        closed_on=compliment.received_on, rule=rule_text(RecordType.COMPLIMENT), destroyed_by=by)


def destroy(record, *, by) -> DestructionRecord:
    if isinstance(record, Case):
        return destroy_case(record, by=by)
    if isinstance(record, MembersEnquiry):
        return destroy_members_enquiry(record, by=by)
    return destroy_compliment(record, by=by)
