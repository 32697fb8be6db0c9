"""The reporting year: April to March unless the council sets another start
month (settings.REPORT_YEAR_START_MONTH). The year of the annual report."""

from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

from django.conf import settings


def _start_month() -> int:
    return settings.REPORT_YEAR_START_MONTH


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The reporting year starting in ``start_year``: written "2022-23" (or
    "2022" when it is a calendar year)."""

    start_year: int

    @classmethod
    def of(cls, day: date) -> "FinancialYear":
        """The year ``day`` falls in: 31 March 2023 is in 2022-23, 1 April in 2023-24."""
        return cls(day.year if day.month >= _start_month() else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        """ "2021-22" (or "2021-2022", or "2021" for calendar years); ValueError
        otherwise, and for a year whose report could not be dated (see REPORTABLE)."""
        first, _, second = text.strip().partition("-")
        try:
            year = cls(int(first))
            matches = str(year) == text.strip() or (second and int(second) % 100 == (year.start_year + 1) % 100)
        except ValueError:
            raise ValueError(f"{text!r} is not a reporting year like 2021-22") from None
        if not matches:
            raise ValueError(f"{text!r} is not a reporting year like {year}")
        if year.start_year not in REPORTABLE:
            raise ValueError(f"{text!r} is too far from today to report on")
        return year

    @property
    def starts_on(self) -> date:
        return date(self.start_year, _start_month(), 1)

    @property
    def ends_on(self) -> date:
        return FinancialYear(self.start_year + 1).starts_on - timedelta(days=1)

    @property
    def previous(self) -> "FinancialYear":
        return FinancialYear(self.start_year - 1)

    def __str__(self) -> str:
        if _start_month() == 1:
            return str(self.start_year)
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __contains__(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


# The start years a report can be about: its last day, and the first day of
# the two years before it (the Ombudsman table compares three years), must be
# dates the calendar holds ("9999-00" ends in the year 10000; "0001-02"
# compares itself with the year 0).
REPORTABLE = range(MINYEAR + 2, MAXYEAR)


def years_between(first: date, last: date) -> list[FinancialYear]:
    """Every year from the one ``last`` falls in back to ``first``'s, latest first."""
    newest, oldest = FinancialYear.of(max(first, last)), FinancialYear.of(min(first, last))
    return [FinancialYear(y) for y in range(newest.start_year, oldest.start_year - 1, -1)]
