"""Members' correspondence: due dates in corporate working days, and the
report's % answered within target."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from complaints.casework import services as casework
from complaints.casework.models import HolidayOverride
from complaints.records import services
from complaints.records.models import MembersEnquiry


@pytest.fixture(autouse=True)
def ten_working_days(settings):
    settings.MEMBERS_ENQUIRY_TARGET_DAYS = 10


def _record(received_on=date(2022, 12, 16), **extra):
    return services.record_members_enquiry(
        member_name="Cllr Jo Patel", member_kind="councillor", received_on=received_on,
        subject="Delay in a child protection conference", **extra,
    )


def test_a_members_enquiry_received_before_christmas_is_due_ten_working_days_later(db, team):
    enquiry = _record(team=team)
    enquiry.refresh_from_db()
    assert enquiry.due_on == date(2023, 1, 4)
    explained = enquiry.due_date_explained()
    assert explained.startswith("Received Fri 16 Dec 2022.")
    assert "Mon 26 Dec (Boxing Day)" in explained and explained.endswith("Due Wed 4 Jan 2023.")


def test_the_due_date_counts_the_target_days_setting(db, settings):
    settings.MEMBERS_ENQUIRY_TARGET_DAYS = 5
    assert _record(received_on=date(2022, 9, 9)).due_on == date(2022, 9, 16)


def test_a_local_closure_day_moves_an_unanswered_enquiry_but_not_an_answered_one(db):
    open_enquiry = _record()
    answered = _record(responded_on=date(2022, 12, 20))
    casework.save_holiday_override(
        HolidayOverride(day=date(2022, 12, 29), kind="closure", name="Council closure")
    )
    open_enquiry.refresh_from_db()
    answered.refresh_from_db()
    assert open_enquiry.due_on == date(2023, 1, 5)
    assert "Thu 29 Dec" in open_enquiry.due_date_explained()
    assert answered.due_on == date(2023, 1, 4)


def test_an_enquiry_answered_on_its_due_date_is_within_target_and_a_day_later_is_not(db):
    on_time = _record(responded_on=date(2023, 1, 4))
    late = _record(responded_on=date(2023, 1, 5))
    unanswered = _record()
    assert on_time.answered_within_target
    assert not late.answered_within_target
    assert not unanswered.answered_within_target
    summary = services.members_enquiries_summary(MembersEnquiry.objects.all(), date(2023, 1, 5))
    assert summary == {"total": 3, "counted": 3, "within_target": 1, "percent_within_target": 33.3}


def test_an_enquiry_still_in_time_counts_for_neither_side(db):
    # Issue #15: one received on 2 December, due 16 December, counted as 0.0% within target.
    _record(responded_on=date(2023, 1, 4))
    _record()  # due 4 January 2023
    on_the_due_date = services.members_enquiries_summary(MembersEnquiry.objects.all(), date(2023, 1, 4))
    assert on_the_due_date == {"total": 2, "counted": 1, "within_target": 1, "percent_within_target": 100.0}
    the_day_after = services.members_enquiries_summary(MembersEnquiry.objects.all(), date(2023, 1, 5))
    assert the_day_after == {"total": 2, "counted": 2, "within_target": 1, "percent_within_target": 50.0}


def test_with_no_enquiries_the_percentage_is_not_made_up(db):
    summary = services.members_enquiries_summary(MembersEnquiry.objects.all(), date(2023, 1, 5))
    assert summary == {"total": 0, "counted": 0, "within_target": 0, "percent_within_target": None}


def test_the_database_refuses_a_response_before_the_enquiry_was_received(db):
    enquiry = _record()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembersEnquiry.objects.filter(pk=enquiry.pk).update(responded_on=date(2022, 12, 15))


def test_the_database_refuses_a_due_date_before_receipt(db):
    enquiry = _record()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembersEnquiry.objects.filter(pk=enquiry.pk).update(due_on=date(2022, 12, 1))
