"""Administrators can search the audit log."""

from django.urls import reverse
from django.utils import timezone

from complaints.audit.models import AuditEntry


def test_administrators_can_find_who_viewed_a_case(client, personas, record_complaint):
    case = record_complaint()
    other = record_complaint()
    client.force_login(personas["officer"])
    client.get(reverse("case_detail", args=[case.reference]))
    client.get(reverse("case_detail", args=[other.reference]))
    client.force_login(personas["admin"])

    page = client.get(reverse("audit_log"), {"record": case.reference, "action": "view"}).context["page"]

    assert [(e.username, e.object_repr) for e in page.object_list] == [("officer", case.reference)]


def test_the_search_by_person_and_date_range(client, personas, record_complaint):
    case = record_complaint()
    client.force_login(personas["manager"])
    client.get(reverse("case_detail", args=[case.reference]))
    client.force_login(personas["admin"])
    entry = AuditEntry.objects.get(action="view")
    day = timezone.localdate(entry.at)
    params = {"user": personas["manager"].pk, "action": "view", "since_day": day.day, "since_month": day.month,
              "since_year": day.year}
    assert list(client.get(reverse("audit_log"), params).context["page"].object_list) == [entry]
    params["since_year"] = day.year + 1
    assert list(client.get(reverse("audit_log"), params).context["page"].object_list) == []
