"""Which days are working days, under each procedure.

Statutory: regulation 2 of the Children Act 1989 Representations Procedure
(England) Regulations 2006 (SI 2006/1738). A working day is any day other than
a Saturday, a Sunday, Christmas Day, Boxing Day, Good Friday or a bank holiday
in England and Wales under the Banking and Financial Dealings Act 1971
(substitute days and proclaimed one-offs included). Christmas Eve and the days
between Christmas and New Year that are not bank holidays are working days.

Corporate: the statutory working days, less the council's local closure days.

Bank holidays come from the `holidays` package for England, corrected by an
administrator: a newly proclaimed holiday can be added before the package
knows it, and a listed date can be removed. Removal cannot touch the days
reg 2 names itself (weekends, Christmas Day, Boxing Day, Good Friday): those
are not working days whatever any list says.

Counting: the start day is day 0; a start that is not a working day rolls
forward to the next working day, which is then day 0.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType

import holidays
from dateutil.easter import easter

from .explain import DueDate, SkippedDay

STATUTORY = "statutory"
CORPORATE = "corporate"
CALENDAR_NAMES = (STATUTORY, CORPORATE)

_ONE_DAY = timedelta(days=1)
_WEEKEND = {5: "Saturday", 6: "Sunday"}


@functools.cache
def _bank_holidays(year: int) -> Mapping[date, str]:
    """England and Wales bank holidays in `year`, named as the package names them
    except that substitute days are called that (see _substitute_named).

    Cached per year: building a `holidays` object costs far more than a lookup,
    and due dates are computed for thousands of stages.
    """
    # subdiv="ENG" is essential: without it Easter Monday and the late summer bank
    # holiday (not UK-wide) are silently missing. The language is pinned so names
    # never depend on the environment.
    listed = holidays.country_holidays("GB", subdiv="ENG", years=year, language="en_GB")
    return MappingProxyType({day: _substitute_named(name) for day, name in listed.items()})


def _substitute_named(name: str) -> str:
    # The package's American "(observed)" is what the 1971 Act and gov.uk call a
    # substitute day; explanations are read by English complainants.
    return name.replace("(observed)", "(substitute day)")


@functools.cache
def _good_friday(year: int) -> date:
    return easter(year) - timedelta(days=2)


def _reg2_named_day(day: date) -> str | None:
    """The name of `day` if reg 2 names it a non-working day, else None."""
    if (day.month, day.day) == (12, 25):
        return "Christmas Day"
    if (day.month, day.day) == (12, 26):
        return "Boxing Day"
    if day == _good_friday(day.year):
        return "Good Friday"
    return None


class Calendar:
    """Which days are working days under one procedure.

    `added`: bank holidays an administrator added (date -> name), e.g. a newly
    proclaimed one-off. Where the package already lists the date, its name is used.
    `removed`: dates an administrator says are not bank holidays although the
    package lists them. They become working days unless reg 2 names them
    (Saturday, Sunday, 25 Dec, 26 Dec, Good Friday): an administrator cannot
    un-Saturday a Saturday.
    `closures`: local closure days (date -> name). Only the corporate calendar
    uses them; reg 2 knows nothing of local closures, so the statutory
    calendar ignores them.

    A date may not be both added and removed (ValueError).
    """

    def __init__(
        self,
        name: str = STATUTORY,
        *,
        added: Mapping[date, str] | None = None,
        removed: Iterable[date] = (),
        closures: Mapping[date, str] | None = None,
    ) -> None:
        if name not in CALENDAR_NAMES:
            raise ValueError(f"Unknown calendar {name!r}: expected one of {CALENDAR_NAMES}.")
        added = dict(added or {})
        removed = frozenset(removed)
        if both := sorted(removed & added.keys()):
            listed = ", ".join(day.isoformat() for day in both)
            raise ValueError(f"Dates both added and removed as bank holidays: {listed}.")
        self.name = name
        self._added = added
        self._removed = removed
        self._closures = dict(closures or {}) if name == CORPORATE else {}
        self._reasons_by_year: dict[int, Mapping[date, str]] = {}

    def __repr__(self) -> str:
        return (
            f"<Calendar {self.name}: {len(self._added)} added, {len(self._removed)} removed, "
            f"{len(self._closures)} closures>"
        )

    def _listed_reasons(self, year: int) -> Mapping[date, str]:
        """Bank holidays and closure days in `year`, each with its reason.
        Built once per year per calendar."""
        if year not in self._reasons_by_year:
            # Later updates win: a bank holiday is reported as such even on a
            # closure day, and the package's name beats an administrator's copy.
            reasons = {
                day: f"Local closure day: {name}"
                for day, name in self._closures.items()
                if day.year == year
            }
            reasons.update(
                (day, f"Bank holiday (added by an administrator): {name}")
                for day, name in self._added.items()
                if day.year == year
            )
            reasons.update(
                (day, f"Bank holiday: {name}")
                for day, name in _bank_holidays(year).items()
                if day not in self._removed
            )
            self._reasons_by_year[year] = MappingProxyType(reasons)
        return self._reasons_by_year[year]

    def non_working_reason(self, day: date) -> str | None:
        """Why `day` is not a working day ("Saturday", "Christmas Day",
        "Bank holiday: Easter Monday", "Local closure day: ..."), or None if it is one.

        Where several reasons apply the first of these is given: a day named by
        reg 2 (Christmas Day, Boxing Day, Good Friday), the weekend, a bank
        holiday, a local closure.
        """
        return (
            _reg2_named_day(day)
            or _WEEKEND.get(day.weekday())
            or self._listed_reasons(day.year).get(day)
        )

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start`, `start` being day 0 (or,
        if it is not a working day, the next working day being day 0).

        Always a working day. Raises ValueError if `days` is negative.
        """
        if days < 0:
            raise ValueError(f"Cannot count a negative number of working days ({days}).")
        day = self.next_working_day(start)
        for _ in range(days):
            day = self.next_working_day(day + _ONE_DAY)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days after `start` up to and including `end`;
        negative (minus the count from `end` to `start`) if `end` is before `start`.

        For a working day `start`, working_days_between(start,
        add_working_days(start, n)) == n. For a non-working `start` the count
        includes the day that counting would start from, so it is one more:
        to ask whether something was on time, compare it with the due date.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count

    def explain(
        self, start: date, days: int, *, rule: str = "", start_label: str = "Received"
    ) -> DueDate:
        """add_working_days(start, days), with the reasons behind it.

        `rule` describes the timescale ("Stage 1 response (statutory): 10
        working days from receipt"); `start_label` what happened on `start`.
        """
        due = self.add_working_days(start, days)
        skipped = []
        day = start
        while day < due:
            if reason := self.non_working_reason(day):
                skipped.append(SkippedDay(day, reason))
            day += _ONE_DAY
        return DueDate(
            start=start,
            counted_from=self.next_working_day(start),
            days=days,
            due=due,
            rule=rule,
            procedure=self.name,
            skipped=tuple(skipped),
            start_label=start_label,
        )


def statutory_calendar(
    *, added: Mapping[date, str] | None = None, removed: Iterable[date] = ()
) -> Calendar:
    """Working days under reg 2, with an administrator's bank-holiday corrections."""
    return Calendar(STATUTORY, added=added, removed=removed)


def corporate_calendar(
    *,
    added: Mapping[date, str] | None = None,
    removed: Iterable[date] = (),
    closures: Mapping[date, str] | None = None,
) -> Calendar:
    """Statutory working days less the council's local closure days."""
    return Calendar(CORPORATE, added=added, removed=removed, closures=closures)


def calendar_for(procedure: str, **overrides) -> Calendar:
    """The calendar for "statutory" or "corporate"; `overrides` are Calendar's
    keyword arguments (a statutory calendar ignores `closures`)."""
    return Calendar(procedure, **overrides)
