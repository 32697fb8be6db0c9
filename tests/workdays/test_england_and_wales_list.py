"""The statutory calendar's bank holidays are exactly the official England and
Wales list (gov.uk/bank-holidays), 2019-2028.

The list is typed in here from gov.uk, not derived from the `holidays`
package, so that a package change (or a lost subdiv="ENG") shows up as a failure.
"""

from datetime import date, timedelta

from complaints.workdays import statutory_calendar

JAN, MAR, APR, MAY, JUN, AUG, SEP, DEC = 1, 3, 4, 5, 6, 8, 9, 12

OFFICIAL = {
    2019: [(JAN, 1), (APR, 19), (APR, 22), (MAY, 6), (MAY, 27), (AUG, 26), (DEC, 25), (DEC, 26)],
    # 8 May moved from 4 May for the 75th anniversary of VE Day; 26 Dec a Saturday.
    2020: [(JAN, 1), (APR, 10), (APR, 13), (MAY, 8), (MAY, 25), (AUG, 31), (DEC, 25), (DEC, 28)],
    # 25 and 26 Dec fell on a weekend.
    2021: [(JAN, 1), (APR, 2), (APR, 5), (MAY, 3), (MAY, 31), (AUG, 30), (DEC, 27), (DEC, 28)],
    # Spring bank holiday moved to 2 June and 3 June added (Platinum Jubilee); 19 Sep the
    # State Funeral; 1 Jan a Saturday and 25 Dec a Sunday.
    2022: [(JAN, 3), (APR, 15), (APR, 18), (MAY, 2), (JUN, 2), (JUN, 3), (AUG, 29), (SEP, 19),
           (DEC, 26), (DEC, 27)],
    # 1 Jan a Sunday; 8 May the Coronation.
    2023: [(JAN, 2), (APR, 7), (APR, 10), (MAY, 1), (MAY, 8), (MAY, 29), (AUG, 28), (DEC, 25),
           (DEC, 26)],
    2024: [(JAN, 1), (MAR, 29), (APR, 1), (MAY, 6), (MAY, 27), (AUG, 26), (DEC, 25), (DEC, 26)],
    2025: [(JAN, 1), (APR, 18), (APR, 21), (MAY, 5), (MAY, 26), (AUG, 25), (DEC, 25), (DEC, 26)],
    2026: [(JAN, 1), (APR, 3), (APR, 6), (MAY, 4), (MAY, 25), (AUG, 31), (DEC, 25), (DEC, 28)],
    2027: [(JAN, 1), (MAR, 26), (MAR, 29), (MAY, 3), (MAY, 31), (AUG, 30), (DEC, 27), (DEC, 28)],
    # 1 Jan a Saturday.
    2028: [(JAN, 3), (APR, 14), (APR, 17), (MAY, 1), (MAY, 29), (AUG, 28), (DEC, 25), (DEC, 26)],
}

OFFICIAL_DATES = {date(year, month, day) for year, days in OFFICIAL.items() for month, day in days}


def _every_day_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def test_every_official_bank_holiday_typed_here_is_a_weekday():
    # Bank holidays falling at a weekend are moved to a substitute weekday, so a
    # weekend date in the list above would be a typing mistake.
    assert all(day.weekday() < 5 for day in OFFICIAL_DATES)


def test_the_statutory_calendar_has_exactly_the_official_england_and_wales_bank_holidays():
    calendar = statutory_calendar()
    non_working_weekdays = {
        day
        for year in OFFICIAL
        for day in _every_day_of(year)
        if day.weekday() < 5 and not calendar.is_working_day(day)
    }
    assert sorted(non_working_weekdays - OFFICIAL_DATES) == []
    assert sorted(OFFICIAL_DATES - non_working_weekdays) == []
