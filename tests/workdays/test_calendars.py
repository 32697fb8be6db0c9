"""Working days under reg 2 (statutory) and the council's corporate calendar,
and how due dates are explained. Dates are the worked examples in DOMAIN.md."""

import json
from datetime import date

import pytest

from complaints.workdays import (
    Calendar,
    DueDate,
    calendar_for,
    corporate_calendar,
    statutory_calendar,
)
from complaints.workdays.cli import format_due

STATUTORY = statutory_calendar()


# -- Worked examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(date(2022, 12, 16), 10, date(2023, 1, 4), id="christmas-2022-10"),
        pytest.param(date(2022, 12, 16), 20, date(2023, 1, 18), id="christmas-2022-20"),
        pytest.param(date(2022, 5, 27), 10, date(2022, 6, 14), id="platinum-jubilee"),
        pytest.param(date(2022, 9, 9), 10, date(2022, 9, 26), id="state-funeral"),
        pytest.param(date(2027, 12, 20), 5, date(2027, 12, 29), id="christmas-2027"),
        pytest.param(date(2023, 5, 2), 25, date(2023, 6, 8), id="coronation"),
    ],
)
def test_every_worked_example_gives_the_documented_due_date(start, days, expected):
    assert STATUTORY.add_working_days(start, days) == expected


def test_ten_working_days_from_friday_16_december_2022_is_wednesday_4_january_2023():
    assert STATUTORY.add_working_days(date(2022, 12, 16), 10) == date(2023, 1, 4)


def test_twenty_working_days_from_friday_16_december_2022_is_wednesday_18_january_2023():
    assert STATUTORY.add_working_days(date(2022, 12, 16), 20) == date(2023, 1, 18)


def test_ten_working_days_from_friday_27_may_2022_skips_the_jubilee():
    assert STATUTORY.add_working_days(date(2022, 5, 27), 10) == date(2022, 6, 14)


def test_ten_working_days_from_friday_9_september_2022_skips_the_state_funeral():
    assert STATUTORY.add_working_days(date(2022, 9, 9), 10) == date(2022, 9, 26)


def test_five_working_days_from_monday_20_december_2027_count_christmas_eve_not_substitutes():
    assert STATUTORY.is_working_day(date(2027, 12, 24))
    assert not STATUTORY.is_working_day(date(2027, 12, 27))
    assert not STATUTORY.is_working_day(date(2027, 12, 28))
    assert STATUTORY.add_working_days(date(2027, 12, 20), 5) == date(2027, 12, 29)


def test_twenty_five_working_days_from_tuesday_2_may_2023_skip_the_coronation():
    assert STATUTORY.add_working_days(date(2023, 5, 2), 25) == date(2023, 6, 8)


# -- Administrators' corrections -------------------------------------------------------


def test_removing_19_september_2022_makes_the_state_funeral_example_due_on_friday_23rd():
    calendar = statutory_calendar(removed=[date(2022, 9, 19)])
    assert calendar.is_working_day(date(2022, 9, 19))
    assert calendar.add_working_days(date(2022, 9, 9), 10) == date(2022, 9, 23)


def test_adding_a_bank_holiday_moves_the_due_date_a_working_day_later():
    calendar = statutory_calendar(added={date(2024, 5, 15): "Proclaimed holiday"})
    assert STATUTORY.add_working_days(date(2024, 5, 10), 5) == date(2024, 5, 17)
    assert calendar.add_working_days(date(2024, 5, 10), 5) == date(2024, 5, 20)


def test_an_added_bank_holiday_is_named_as_added_by_an_administrator():
    calendar = statutory_calendar(added={date(2024, 5, 15): "Proclaimed holiday"})
    assert calendar.non_working_reason(date(2024, 5, 15)) == (
        "Bank holiday (added by an administrator): Proclaimed holiday"
    )


def test_adding_a_date_the_package_already_lists_keeps_the_package_name():
    calendar = statutory_calendar(added={date(2022, 9, 19): "Queen's funeral"})
    assert calendar.non_working_reason(date(2022, 9, 19)) == (
        "Bank holiday: State Funeral of Queen Elizabeth II"
    )


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2022, 12, 25), "Christmas Day"),
        (date(2023, 12, 26), "Boxing Day"),
        (date(2023, 4, 7), "Good Friday"),
        (date(2023, 1, 1), "Sunday"),
    ],
)
def test_removing_a_day_reg_2_names_leaves_it_a_non_working_day(day, reason):
    calendar = statutory_calendar(removed=[day])
    assert calendar.non_working_reason(day) == reason


def test_removing_easter_monday_makes_it_a_working_day():
    calendar = statutory_calendar(removed=[date(2023, 4, 10)])
    assert calendar.is_working_day(date(2023, 4, 10))


def test_a_date_both_added_and_removed_is_refused():
    with pytest.raises(ValueError, match="2024-05-15"):
        Calendar(added={date(2024, 5, 15): "X"}, removed=[date(2024, 5, 15)])


def test_an_unknown_calendar_name_is_refused():
    with pytest.raises(ValueError, match="statutory"):
        calendar_for("informal")


# -- Closures ------------------------------------------------------------------------


SHUTDOWN = {date(2022, 12, 28): "Christmas shutdown", date(2022, 12, 29): "Christmas shutdown"}


def test_a_local_closure_day_is_not_a_corporate_working_day():
    calendar = corporate_calendar(closures=SHUTDOWN)
    assert calendar.non_working_reason(date(2022, 12, 28)) == (
        "Local closure day: Christmas shutdown"
    )
    assert calendar.add_working_days(date(2022, 12, 16), 10) == date(2023, 1, 6)


def test_the_statutory_calendar_ignores_local_closure_days():
    calendar = calendar_for("statutory", closures=SHUTDOWN)
    assert calendar.is_working_day(date(2022, 12, 28))
    assert calendar.add_working_days(date(2022, 12, 16), 10) == date(2023, 1, 4)


def test_a_bank_holiday_that_is_also_a_closure_day_is_reported_as_a_bank_holiday():
    calendar = corporate_calendar(closures={date(2022, 12, 27): "Christmas shutdown"})
    assert calendar.non_working_reason(date(2022, 12, 27)) == (
        "Bank holiday: Christmas Day (substitute day)"
    )


def test_without_closures_the_corporate_calendar_has_the_statutory_working_days():
    assert corporate_calendar().add_working_days(date(2022, 12, 16), 10) == date(2023, 1, 4)


# -- Reasons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2022, 12, 17), "Saturday"),
        (date(2022, 12, 18), "Sunday"),
        (date(2022, 12, 25), "Christmas Day"),
        (date(2022, 12, 26), "Boxing Day"),
        (date(2022, 4, 15), "Good Friday"),
        (date(2022, 4, 18), "Bank holiday: Easter Monday"),
        (date(2022, 12, 27), "Bank holiday: Christmas Day (substitute day)"),
        (date(2020, 12, 28), "Bank holiday: Boxing Day (substitute day)"),
        (date(2022, 6, 3), "Bank holiday: Platinum Jubilee of Elizabeth II"),
        (date(2024, 12, 24), None),
        (date(2024, 12, 27), None),
        (date(2022, 12, 28), None),
    ],
)
def test_each_non_working_day_has_its_reason_and_a_working_day_has_none(day, reason):
    assert STATUTORY.non_working_reason(day) == reason


# -- Counting --------------------------------------------------------------------------


def test_something_received_on_a_saturday_counts_from_the_monday():
    assert STATUTORY.add_working_days(date(2022, 12, 17), 10) == (
        STATUTORY.add_working_days(date(2022, 12, 19), 10)
    )


def test_zero_working_days_from_good_friday_is_the_tuesday_after_easter():
    assert STATUTORY.add_working_days(date(2023, 4, 7), 0) == date(2023, 4, 11)


def test_the_next_working_day_of_a_working_day_is_itself():
    assert STATUTORY.next_working_day(date(2022, 12, 16)) == date(2022, 12, 16)
    assert STATUTORY.next_working_day(date(2022, 12, 24)) == date(2022, 12, 28)


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        STATUTORY.add_working_days(date(2022, 12, 16), -1)


def test_working_days_between_counts_days_after_the_start_up_to_and_including_the_end():
    assert STATUTORY.working_days_between(date(2022, 12, 16), date(2023, 1, 4)) == 10
    assert STATUTORY.working_days_between(date(2022, 12, 16), date(2022, 12, 16)) == 0
    assert STATUTORY.working_days_between(date(2022, 12, 24), date(2022, 12, 27)) == 0


def test_working_days_between_is_negative_when_the_end_is_before_the_start():
    assert STATUTORY.working_days_between(date(2023, 1, 4), date(2022, 12, 16)) == -10


# -- Explanations ----------------------------------------------------------------------


def test_the_16_december_2022_explanation_names_26_27_december_and_2_january_as_skipped():
    text = STATUTORY.explain(date(2022, 12, 16), 10).text()
    assert text.startswith("Received Fri 16 Dec 2022.")
    assert "Mon 26 Dec (Boxing Day)" in text
    assert "Tue 27 Dec (Bank holiday: Christmas Day (substitute day))" in text
    assert "Mon 2 Jan 2023 (Bank holiday: New Year's Day (substitute day))" in text
    assert "Sat 17 Dec, Sun 18 Dec (weekend)" in text
    assert text.endswith("Due Wed 4 Jan 2023.")


def test_the_explanation_of_a_saturday_receipt_says_counting_starts_on_monday():
    text = STATUTORY.explain(date(2022, 12, 17), 10).text()
    assert text.startswith(
        "Received Sat 17 Dec 2022, not a working day (Saturday), "
        "so counting starts from Mon 19 Dec 2022."
    )


def test_the_explanation_records_every_skipped_day_including_rolled_over_start_days():
    explained = STATUTORY.explain(date(2023, 4, 7), 1, rule="One working day")
    assert explained.counted_from == date(2023, 4, 11)
    assert explained.due == date(2023, 4, 12)
    assert [(s.day, s.reason) for s in explained.skipped] == [
        (date(2023, 4, 7), "Good Friday"),
        (date(2023, 4, 8), "Saturday"),
        (date(2023, 4, 9), "Sunday"),
        (date(2023, 4, 10), "Bank holiday: Easter Monday"),
    ]
    assert "One working day." in explained.text()
    assert "No non-working days skipped." in explained.text()


def test_an_explanation_survives_a_round_trip_through_json():
    explained = STATUTORY.explain(date(2022, 12, 17), 10, rule="Rule", start_label="Panel met")
    stored = json.loads(json.dumps(explained.as_dict()))
    assert DueDate.from_dict(stored) == explained


def test_an_explanation_recomputed_after_a_holiday_is_added_moves_and_keeps_its_rule():
    explained = STATUTORY.explain(date(2024, 5, 10), 5, rule="Rule", start_label="Panel met")
    moved = explained.recomputed(statutory_calendar(added={date(2024, 5, 15): "Proclaimed"}))
    assert (moved.due, moved.rule, moved.start_label) == (date(2024, 5, 20), "Rule", "Panel met")


def test_the_command_output_is_the_iso_due_date_then_the_explanation():
    output = format_due(STATUTORY.explain(date(2022, 5, 27), 10))
    first, rest = output.split("\n", 1)
    assert first == "2022-06-14"
    assert rest.startswith("Received Fri 27 May 2022.")
    assert rest.endswith("Due Tue 14 Jun 2022.")
