"""Retention that keeps the statistics: destroying a year's cases leaves its
annual report exactly as it was."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.casework import procedure
from complaints.casework.models import Case, Child, Complainant, Point
from complaints.letters.services import generate_letter
from complaints.privacy import retention
from complaints.privacy.models import DestructionRecord, RetentionRule
from complaints.records.models import Compliment
from complaints.reports.annual import build
from complaints.demo.reference_dataset import load_reference_years


@pytest.fixture
def closed_case(record_complaint, officer):
    case = record_complaint(received_on=date(2018, 5, 1), summary="Jo Bloggs shouted at my son Alex.")
    procedure.extend(case, new_due=date(2018, 5, 29), kind="complex", reason="Jo Bloggs was away.",
                     told_on=date(2018, 5, 2), by=officer)
    procedure.respond(case, on=date(2018, 5, 25), findings={p.pk: "upheld" for p in case.points.all()}, by=officer)
    generate_letter(case, "acknowledgement", by=officer)
    case.refresh_from_db()
    return case


def test_closed_cases_past_six_years_are_due_unless_held(closed_case, record_complaint):
    due = {group.record_type: group.records for group in retention.due(date(2024, 5, 25))}
    assert due["complaint"] == [closed_case]
    assert retention.due(date(2024, 5, 24))[0].records == []
    closed_case.legal_hold = True
    closed_case.save()
    assert retention.due(date(2025, 1, 1))[0].records == []


def test_a_rule_overrides_the_default(closed_case):
    RetentionRule.objects.create(record_type="complaint", years=10, authority="Schedule item 4.2")
    assert retention.due(date(2025, 1, 1))[0].records == []
    assert retention.rule_text("complaint") == "Complaints: 10 years after closure (Schedule item 4.2)"


def test_destroying_removes_what_identifies_and_keeps_the_skeleton(closed_case, personas):
    record = retention.destroy(closed_case, by=personas["manager"])
    case = Case.objects.get(pk=closed_case.pk)
    complainant, child, point = Complainant.objects.get(case=case), Child.objects.get(case=case), Point.objects.get(case=case)
    assert (complainant.name, complainant.email, complainant.relationship) == ("[destroyed]", "", "parent")
    assert (child.name, child.date_of_birth, child.age_at_receipt) == ("[destroyed]", None, 6)
    assert point.summary == "[destroyed]" and point.stage1_finding == "upheld" and point.theme_id
    assert case.summary == "[destroyed]" and case.outcome == "upheld" and case.received_on == date(2018, 5, 1)
    stage = case.stages.get()
    assert stage.extension_reason == "[destroyed]" and stage.working_days_taken == 17  # Mon 7 May 2018 is a bank holiday
    assert not case.timeline.exists() and not case.letters.exists()
    assert case.destroyed_at is not None
    assert (record.reference, record.rule, record.destroyed_by) == (
        case.reference, "Complaints: 6 years after closure", personas["manager"])
    everything = " ".join(str(v) for v in Case.objects.filter(pk=case.pk).values().get().values())
    assert "Bloggs" not in everything and "Alex" not in everything


def test_a_held_case_cannot_be_destroyed(closed_case, personas):
    closed_case.legal_hold = True
    closed_case.save()
    with pytest.raises(ValueError, match="legal hold"):
        retention.destroy(closed_case, by=personas["manager"])


@pytest.mark.parametrize("year", ["2021-22", "2020-21"])
def test_the_annual_report_is_identical_after_every_case_of_the_year_is_destroyed(personas, year):
    load_reference_years(by=personas["officer"])
    before = {edition: build(year, edition=edition).as_dict() for edition in ("internal", "published")}
    span = (date(2020, 4, 1), date(2022, 3, 31))
    for case in Case.objects.filter(received_on__range=span, status="closed"):
        retention.destroy(case, by=personas["manager"])
    for compliment in Compliment.objects.all():
        retention.destroy(compliment, by=personas["manager"])
    assert DestructionRecord.objects.count() > 300
    assert {edition: build(year, edition=edition).as_dict() for edition in ("internal", "published")} == before


def test_the_review_page_destroys_only_what_is_confirmed(closed_case, client, personas):
    client.force_login(personas["manager"])
    page = client.get(reverse("retention_review"))
    assert closed_case.reference in page.content.decode()
    key = f"complaint:{closed_case.pk}"
    client.post(reverse("retention_review"), {"record": [key]})
    assert Case.objects.get(pk=closed_case.pk).destroyed_at is None
    response = client.post(reverse("retention_review"), {"record": [key], "confirm": "yes"}, follow=True)
    assert "1 record destroyed" in response.content.decode()
    assert Case.objects.get(pk=closed_case.pk).destroyed_at is not None


def test_only_managers_and_administrators_review_retention(client, personas):
    for role, status in [("officer", 403), ("manager", 200), ("admin", 200), ("head", 403)]:
        client.force_login(personas[role])
        assert client.get(reverse("retention_review")).status_code == status, role


def test_the_review_command_lists_what_is_due(closed_case, capsys):
    from django.core.management import call_command

    call_command("retention_review")
    assert "Complaints: 6 years after closure" in capsys.readouterr().out


def test_the_review_selects_a_whole_group_at_once_and_keeps_ticks_on_a_refusal(
        closed_case, record_complaint, officer, client, personas):
    # Issue #15: with 163 records due, each box had to be ticked by hand.
    second = record_complaint(received_on=date(2018, 6, 1))
    procedure.respond(second, on=date(2018, 6, 20), findings={p.pk: "upheld" for p in second.points.all()},
                      by=officer)
    client.force_login(personas["manager"])
    keys = {f"complaint:{closed_case.pk}", f"complaint:{second.pk}"}

    selected = client.post(reverse("retention_review"), {"select": "complaint"})
    assert selected.status_code == 200 and selected.context["chosen"] == keys
    assert selected.content.decode().count(" checked>") == 2
    assert not Case.objects.filter(destroyed_at__isnull=False).exists()  # selecting destroys nothing

    refused = client.post(reverse("retention_review"), {"record": sorted(keys)})  # not confirmed
    html = refused.content.decode()
    assert "There is a problem" in html and "Confirm that the selected records should be destroyed" in html
    assert refused.context["chosen"] == keys  # the ticks are kept

    cleared = client.post(reverse("retention_review"), {"record": sorted(keys), "clear": "yes"})
    assert cleared.context["chosen"] == set()

    done = client.post(reverse("retention_review"), {"record": sorted(keys), "confirm": "yes"}, follow=True)
    assert "2 records destroyed" in done.content.decode()


def test_nothing_ticked_is_a_problem_on_the_page(closed_case, client, personas):
    client.force_login(personas["manager"])
    response = client.post(reverse("retention_review"), {"confirm": "yes"})
    assert "Select the records to destroy" in response.content.decode()
    assert Case.objects.get(pk=closed_case.pk).destroyed_at is None
