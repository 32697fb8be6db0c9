"""The council's financial year, April to March: the year of the annual report."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class FinancialYear:
    """1 April ``start_year`` to 31 March the year after, written "2022-23"."""

    start_year: int

    @classmethod
    def of(cls, day: date) -> "FinancialYear":
        """The financial year ``day`` falls in: 31 March 2023 is in 2022-23, 1 April in 2023-24."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __contains__(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def years_between(first: date, last: date) -> list[FinancialYear]:
    """Every financial year from the one ``last`` falls in back to ``first``'s, latest first."""
    newest, oldest = FinancialYear.of(max(first, last)), FinancialYear.of(min(first, last))
    return [FinancialYear(y) for y in range(newest.start_year, oldest.start_year - 1, -1)]
