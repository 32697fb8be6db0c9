"""One calendar month from receipt (ICO): the corresponding date next month, the
last day of next month when there is none, the next working day when it falls on
a weekend or bank holiday; an extension by at most two further months."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints import workdays
from complaints.subject_access import deadlines, services

CALENDAR = workdays.calendar_for("statutory")


@pytest.mark.parametrize("received, due", [
    (date(2022, 9, 3), date(2022, 10, 3)),  # the ICO's example: 3 September, 3 October
    (date(2023, 1, 31), date(2023, 2, 28)),  # February has no 31st: its last day
    (date(2023, 1, 30), date(2023, 2, 28)),
    (date(2024, 1, 31), date(2024, 2, 29)),  # a leap year
    (date(2024, 1, 29), date(2024, 2, 29)),
    (date(2022, 12, 31), date(2023, 1, 31)),  # into the next year
])
def test_the_response_is_due_on_the_corresponding_date_or_the_last_day_of_next_month(received, due):
    assert deadlines.response_due(received, CALENDAR).due == due


def test_received_on_31_january_it_is_due_on_28_february_and_says_why():
    due = deadlines.response_due(date(2023, 1, 31), CALENDAR)
    assert due.due == date(2023, 2, 28)
    assert due.text() == ("Received Tue 31 Jan 2023; one calendar month: Tue 28 Feb 2023 "
                          "(February has no 31st: its last day).")


def test_received_on_29_february_it_falls_on_good_friday_so_is_due_after_easter_monday():
    due = deadlines.response_due(date(2024, 2, 29), CALENDAR)
    assert due.corresponding == date(2024, 3, 29)
    assert due.due == date(2024, 4, 2)
    assert "Good Friday" in due.text() and "Easter Monday" in due.text()
    assert due.text().endswith("so due Tue 2 Apr 2024.")


def test_a_due_date_on_a_saturday_moves_past_the_bank_holiday_monday():
    # 1 April 2023 is a Saturday; 1 May 2023 the early May bank holiday.
    assert deadlines.response_due(date(2023, 4, 1), CALENDAR).due == date(2023, 5, 2)


def test_an_extension_runs_to_at_most_three_months_from_receipt():
    # 30 April 2023 is a Sunday and 1 May a bank holiday.
    latest = deadlines.latest_extension(date(2023, 1, 31), CALENDAR)
    assert latest.corresponding == date(2023, 4, 30)
    assert latest.due == date(2023, 5, 2)


def test_a_proclaimed_bank_holiday_moves_the_due_date(db):
    from complaints.casework.models import HolidayOverride

    assert services.response_due(date(2023, 4, 8)).due == date(2023, 5, 9)
    HolidayOverride.objects.create(day=date(2023, 5, 9), kind="added", name="A proclaimed holiday")
    assert services.response_due(date(2023, 4, 8)).due == date(2023, 5, 10)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 12, 31)))
def test_the_due_date_is_about_a_month_later_and_a_working_day(received):
    due = deadlines.response_due(received, CALENDAR)
    assert timedelta(days=28) <= due.corresponding - received <= timedelta(days=31)
    assert due.corresponding.day == received.day or due.corresponding.month != (
        due.corresponding + timedelta(days=1)).month
    assert CALENDAR.is_working_day(due.due)
    assert all(not CALENDAR.is_working_day(day) for day, _ in due.skipped)
