"""Administrators manage reference data in the admin; holidays move due dates."""

from datetime import date

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.casework.models import HolidayOverride, Theme


def test_reference_data_was_seeded_from_the_reference_report(db):
    assert Theme.objects.filter(name="Attitude or behaviour of staff").exists()
    from complaints.casework.models import Channel, Disability, Ethnicity, Religion
    assert set(Channel.objects.values_list("name", flat=True)) == {
        "Letter", "Email", "Telephone", "Children's app", "Online", "In person"}
    assert Ethnicity.objects.count() == 20 and Disability.objects.count() == 13
    assert Religion.objects.count() == 9


def test_an_administrator_adding_a_holiday_in_the_admin_moves_open_due_dates(
    client, personas, record_complaint
):
    override = HolidayOverride.objects.create(day=date(2022, 9, 19), kind="removed", name="Not yet proclaimed")
    case = record_complaint(received_on=date(2022, 9, 9))
    client.force_login(personas["admin"])
    response = client.post(
        reverse("admin:casework_holidayoverride_change", args=[override.pk]),
        {"day": "2022-09-19", "kind": "added", "name": "State Funeral of Queen Elizabeth II"},
    )
    assert response.status_code == 302
    assert case.stages.get().due_on == date(2022, 9, 26)
    assert AuditEntry.objects.filter(action="change", object_type="casework.holidayoverride").exists()


def test_an_administrator_deleting_a_correction_moves_due_dates_back(client, personas, record_complaint):
    override = HolidayOverride.objects.create(day=date(2022, 9, 19), kind="removed", name="Not yet proclaimed")
    case = record_complaint(received_on=date(2022, 9, 9))
    client.force_login(personas["admin"])
    client.post(reverse("admin:casework_holidayoverride_delete", args=[override.pk]), {"post": "yes"})
    assert not HolidayOverride.objects.exists()
    assert case.stages.get().due_on == date(2022, 9, 26)
    assert AuditEntry.objects.filter(action="delete", object_type="casework.holidayoverride").exists()
