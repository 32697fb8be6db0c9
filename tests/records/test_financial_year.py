"""The financial year, April to March, that the annual report and the records lists use."""

from datetime import date

import pytest

from complaints.years import FinancialYear, years_between


@pytest.mark.parametrize("day, year", [
    (date(2023, 3, 31), "2022-23"), (date(2023, 4, 1), "2023-24"), (date(1999, 12, 31), "1999-00"),
])
def test_a_day_belongs_to_the_financial_year_starting_the_april_before(day, year):
    assert str(FinancialYear.of(day)) == year
    assert day in FinancialYear.of(day)


def test_a_financial_year_runs_from_1_april_to_31_march():
    year = FinancialYear(2022)
    assert (year.starts_on, year.ends_on) == (date(2022, 4, 1), date(2023, 3, 31))
    assert date(2023, 4, 1) not in year


def test_years_between_lists_every_year_latest_first():
    assert [str(y) for y in years_between(date(2021, 3, 1), date(2023, 4, 1))] == [
        "2023-24", "2022-23", "2021-22", "2020-21"]


def test_a_year_that_is_not_one_is_refused_clearly():
    import pytest

    for text in ("2025-2x", "twenty", "2021-23"):
        with pytest.raises(ValueError, match="is not a reporting year like"):
            FinancialYear.parse(text)
    assert str(FinancialYear.parse("2021-2022")) == "2021-22"
