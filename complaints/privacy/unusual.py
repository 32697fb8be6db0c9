"""Unusual access in the audit log: a user opening many cases outside their
own team (or service area, for heads of service) on one day."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models.functions import TruncDate

from complaints.accounts.models import User
from complaints.audit.models import AuditEntry


@dataclass
class Finding:
    user: User
    day: date
    outside: int  # distinct cases opened outside their team or area that day
    opened: int  # distinct cases opened that day


def find(*, since: date, threshold: int) -> list[Finding]:
    """Each (user, day) since ``since`` with ``threshold`` or more distinct
    cases opened outside the user's team or service area. Three queries."""
    # Imported here: accounts is the base app; casework builds on it.
    from complaints.casework.models import Case

    views = (AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_type="casework.case",
                                       at__date__gte=since, user__isnull=False)
             .annotate(day=TruncDate("at")).values_list("user_id", "day", "object_id").distinct())
    opened = defaultdict(set)
    for user_id, day, case_id in views:
        opened[(user_id, day)].add(int(case_id))
    case_ids = set().union(*opened.values()) if opened else set()
    cases = {pk: (team, area) for pk, team, area in
             Case.objects.filter(pk__in=case_ids).values_list("pk", "team_id", "team__service_area_id")}
    users = User.objects.in_bulk({user_id for user_id, _ in opened})
    findings = []
    for (user_id, day), ids in opened.items():
        user = users[user_id]
        outside = sum(1 for pk in ids if _outside(user, *cases.get(pk, (None, None))))
        if outside >= threshold:
            findings.append(Finding(user=user, day=day, outside=outside, opened=len(ids)))
    return sorted(findings, key=lambda f: (-f.outside, f.day, f.user.username))


def _outside(user: User, team_id, area_id) -> bool:
    if user.team_id:
        return team_id != user.team_id
    if user.service_area_id:
        return area_id != user.service_area_id
    return True
