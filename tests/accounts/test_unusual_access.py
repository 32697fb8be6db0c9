"""The administrators' page of unusual access: many cases opened outside a
user's own team in a day."""

from django.urls import reverse

from complaints.audit import audit
from complaints.audit.models import AuditEntry


def _open(user, cases):
    for case in cases:
        audit.record(None, AuditEntry.Action.VIEW, case, user=user)


def test_many_cases_outside_the_team_in_a_day_is_listed(client, settings, personas, team, other_team,
                                                         record_complaint):
    settings.AUDIT_UNUSUAL_CASES_PER_DAY = 3
    responder = personas["responding"]  # in `team`
    theirs = [record_complaint(team=team) for _ in range(4)]
    others = [record_complaint(team=other_team) for _ in range(3)]
    _open(responder, theirs)
    _open(personas["officer"], theirs[:2])  # an officer without a team: 2 < 3
    client.force_login(personas["admin"])
    response = client.get(reverse("audit_unusual"))
    assert list(response.context["findings"]) == []
    _open(responder, others + others[:1])  # the same case twice counts once
    findings = client.get(reverse("audit_unusual")).context["findings"]
    assert [(f.user, f.outside, f.opened) for f in findings] == [(responder, 3, 7)]
    assert "Responding Persona" in client.get(reverse("audit_unusual")).content.decode()
