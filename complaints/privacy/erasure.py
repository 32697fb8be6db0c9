"""Equality monitoring erased at the person's request.

Monitoring is processed only for monitoring (DPA 2018 Sch 1 para 8). When a
person asks for theirs to be erased, the child's Monitoring row is deleted. If
the complaint counts in a reporting year that has ended, its contribution to
that year's published figures is kept as an anonymous count (ErasedMonitoring:
month received, age at receipt, the categories), linked to no person or case,
so published figures for closed years do not change.
"""

from django.db import transaction
from django.utils import timezone

from complaints.casework.models import Case, Child, Monitoring
from complaints.privacy.models import ErasedMonitoring
from complaints.years import FinancialYear


@transaction.atomic
def erase_monitoring(child: Child) -> ErasedMonitoring | None:
    monitoring = Monitoring.objects.filter(child=child).first()
    if monitoring is None:
        return None
    case = child.case
    tally = None
    year_closed = FinancialYear.of(case.received_on).ends_on < timezone.localdate()
    if year_closed and case.kind == Case.Kind.COMPLAINT:
        tally = ErasedMonitoring.objects.create(
            received_month=case.received_on.replace(day=1), age_at_receipt=child.age_at_receipt,
            gender=monitoring.gender, ethnicity=monitoring.ethnicity, religion=monitoring.religion)
        tally.disabilities.set(monitoring.disabilities.all())
    monitoring.delete()
    return tally
