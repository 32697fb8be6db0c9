"""A subject access request's deadlines, in calendar months (UK GDPR Article 12(3)).

The ICO's guidance ("Right of access: how long do we have to comply?"): count
from the day the request is received, whether or not it is a working day, to the
corresponding calendar date in the next month; when the next month has no such
date (31 January), the last day of that month; when that date falls on a
weekend or a public holiday, the next working day. The one month may be extended
by two further months where the request is complex or one of many: at most three
months from receipt, counted the same way.

Plain Python: the working days come from a complaints.workdays.Calendar.
"""

import calendar as months
from dataclasses import dataclass
from datetime import date

RESPONSE_MONTHS = 1
# Article 12(3): "extended by two further months", so three months from receipt.
EXTENDED_MONTHS = RESPONSE_MONTHS + 2


def add_months(day: date, count: int) -> date:
    """The corresponding date ``count`` months after ``day``, or the last day of
    that month when it has no such date (31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def _long(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Deadline:
    """A deadline ``months`` calendar months after ``received_on``, and why.

    ``corresponding`` is the date the months give (the last day of the month
    when there is no corresponding date); ``due`` is that date or, if it is not
    a working day, the next working day; ``skipped`` lists each day passed over
    with the reason it is not a working day."""

    received_on: date
    months: int
    corresponding: date
    due: date
    skipped: tuple[tuple[date, str], ...] = ()

    def text(self) -> str:
        """One sentence, e.g. "Received Tue 31 Jan 2023; one calendar month:
        Tue 28 Feb 2023 (February has no 31st: its last day)."."""
        span = "one calendar month" if self.months == 1 else f"{_number(self.months)} calendar months"
        words = f"Received {_long(self.received_on)}; {span}: {_long(self.corresponding)}"
        if self.corresponding.day != self.received_on.day:
            words += (f" ({self.corresponding:%B} has no {_ordinal(self.received_on.day)}: "
                      "its last day)")
        if self.skipped:
            passed = ", ".join(f"{_long(day)} ({reason})" for day, reason in self.skipped)
            words += f"; not a working day: {passed}; so due {_long(self.due)}"
        return words + "."


def _number(count: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(count, str(count))


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def deadline(received_on: date, months_after: int, calendar) -> Deadline:
    """The deadline ``months_after`` calendar months after ``received_on``, moved
    to the next working day of ``calendar`` (a workdays.Calendar) if it is not one."""
    corresponding = add_months(received_on, months_after)
    day, skipped = corresponding, []
    while (reason := calendar.non_working_reason(day)) is not None:
        skipped.append((day, reason))
        day = date.fromordinal(day.toordinal() + 1)
    return Deadline(received_on, months_after, corresponding, day, tuple(skipped))


def response_due(received_on: date, calendar) -> Deadline:
    """When the response is due: one calendar month after receipt."""
    return deadline(received_on, RESPONSE_MONTHS, calendar)


def latest_extension(received_on: date, calendar) -> Deadline:
    """The latest an extension may run to: two further months, three from receipt."""
    return deadline(received_on, EXTENDED_MONTHS, calendar)
