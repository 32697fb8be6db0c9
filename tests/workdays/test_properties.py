"""Properties of working-day counting that hold for any date and any count."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints.workdays import corporate_calendar, statutory_calendar

YEARS = range(2019, 2029)
# A council that shuts between Christmas and New Year, and a statutory calendar
# an administrator has corrected, so the corrections are exercised too.
CALENDARS = [
    statutory_calendar(),
    statutory_calendar(
        added={date(2024, 5, 15): "Proclaimed holiday"}, removed=[date(2022, 9, 19)]
    ),
    corporate_calendar(
        closures={
            date(year, 12, day): "Christmas shutdown" for year in YEARS for day in (29, 30, 31)
        }
    ),
]

dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=70)
calendars = pytest.mark.parametrize("calendar", CALENDARS, ids=repr)


@calendars
@given(start=dates, days=counts)
def test_a_due_date_is_always_a_working_day(calendar, start, days):
    assert calendar.is_working_day(calendar.add_working_days(start, days))


@calendars
@given(start=dates, days=counts)
def test_counting_back_from_a_due_date_gives_the_number_of_days_added(calendar, start, days):
    start = calendar.next_working_day(start)
    assert calendar.working_days_between(start, calendar.add_working_days(start, days)) == days


@calendars
@given(start=dates, days=counts, more=counts)
def test_more_working_days_never_give_an_earlier_date(calendar, start, days, more):
    assert calendar.add_working_days(start, days + more) >= calendar.add_working_days(start, days)


@calendars
@given(start=dates)
def test_zero_working_days_from_a_working_day_is_that_day(calendar, start):
    start = calendar.next_working_day(start)
    assert calendar.add_working_days(start, 0) == start


@calendars
@given(start=dates, end=dates)
def test_working_days_between_changes_sign_when_the_dates_swap(calendar, start, end):
    assert calendar.working_days_between(start, end) == -calendar.working_days_between(end, start)


@calendars
@given(start=dates, days=counts)
def test_the_explanation_skips_exactly_the_non_working_days_up_to_the_due_date(
    calendar, start, days
):
    explained = calendar.explain(start, days)
    assert explained.due == calendar.add_working_days(start, days)
    skipped = {s.day for s in explained.skipped}
    span = (explained.due - start).days
    assert (span + 1) - len(skipped) == days + 1
    assert all(not calendar.is_working_day(day) for day in skipped)
