"""The case page: what it shows, and that opening it is audited."""

from datetime import date

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.casework.models import Monitoring
from complaints.casework.lookup import REFUSED


def test_opening_a_case_is_recorded_in_the_audit_log(client, personas, record_complaint):
    case = record_complaint()
    client.force_login(personas["officer"])
    client.get(reverse("case_detail", args=[case.reference]), REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.get(action="view")
    assert (entry.user, entry.object_repr, entry.ip_address) == (personas["officer"], case.reference, "10.1.2.3")
    assert entry.object_type == "casework.case"


def test_a_refused_view_is_recorded_on_the_case_as_refused_not_as_seen(
        client, personas, other_team, record_complaint):
    case = record_complaint(team=other_team)
    client.force_login(personas["responding"])
    assert client.get(reverse("case_detail", args=[case.reference])).status_code == 404
    (entry,) = AuditEntry.objects.filter(object_type="casework.case", object_id=str(case.pk))
    assert entry.user == personas["responding"]
    assert entry.detail == REFUSED


def test_the_case_page_shows_each_due_date_and_how_it_was_worked_out(client, personas, record_complaint):
    case = record_complaint(received_on=date(2022, 12, 16))
    client.force_login(personas["officer"])
    html = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    assert "Due Wed 4 Jan 2023" in html
    assert "How this date was worked out" in html
    assert "Mon 26 Dec (Boxing Day)" in html
    assert "Sam Taylor" in html and "Alex Taylor" in html


def test_equality_data_stays_off_the_case_page(client, personas, record_complaint):
    case = record_complaint()
    Monitoring.objects.create(child=case.children.get(), gender="female")
    client.force_login(personas["manager"])
    html = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    assert "Female" not in html and "Ethnicity" not in html
