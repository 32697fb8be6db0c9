"""The records index: one "Records" menu entry, marked current on every records
page, leading to each record with what is overdue."""

from datetime import date

from django.urls import reverse

from complaints.records import services
from complaints.records.models import Action, OmbudsmanCase


def _records_nav(response):
    return [item for item in response.context["nav_items"] if item["label"] == "Records"]


def test_the_index_counts_what_is_overdue(officer_client, settings):
    settings.MEMBERS_ENQUIRY_TARGET_DAYS = 10
    Action.objects.create(number=1, task="T", owners="O", starts_on=date(2023, 4, 1),
                          intended_outcome="I", target_on=date(2023, 5, 1))
    OmbudsmanCase.objects.create(reference="A", enquiry_on=date(2023, 1, 1),
                                 compliance_due_on=date(2023, 2, 1))
    services.record_members_enquiry(member_name="Cllr Jo Patel", member_kind="councillor",
                                    received_on=date(2023, 4, 3), subject="Short breaks")
    html = officer_client.get(reverse("records_index")).content.decode()
    assert html.count("1 overdue</strong>") == 2 and "1 remedy overdue" in html


def test_records_is_one_menu_entry_marked_active_on_every_records_page(officer_client):
    assert _records_nav(officer_client.get(reverse("cost_new")))[0]["active"]
    assert _records_nav(officer_client.get(reverse("records_index")))[0]["active"]
    assert not _records_nav(officer_client.get(reverse("case_list")))[0]["active"]


def test_a_responding_manager_has_no_records_entry(signed_in):
    response = signed_in("responding").get(reverse("my_work"))
    assert _records_nav(response) == []
    assert signed_in("responding").get(reverse("records_index")).status_code == 403
