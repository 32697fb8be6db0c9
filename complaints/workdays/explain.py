"""How a due date was worked out, in a form that can be stored and read back.

A due date is disputed by complainants and by the Ombudsman, so each one
carries its own explanation: where counting started, how many working days
were counted, and every day that was skipped and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKEND_REASONS = frozenset({"Saturday", "Sunday"})


class _Explaining(Protocol):
    """What DueDate.recomputed needs of a calendar (a workdays.Calendar)."""

    def explain(
        self, start: date, days: int, *, rule: str = "", start_label: str = "Received"
    ) -> DueDate: ...


@dataclass(frozen=True)
class SkippedDay:
    """A day that was not counted, and the reason it is not a working day."""

    day: date
    reason: str


@dataclass(frozen=True)
class DueDate:
    """A due date and the working-day count behind it.

    `start` is the date given (a receipt, a request, a meeting); `counted_from`
    is `start`, or the next working day if `start` is not one: that day is day 0.
    `due` is `days` working days after `counted_from`. `skipped` lists, in date
    order, every non-working day from `start` up to `due` (so the rolled-over
    start days too), each with its reason. `procedure` names the calendar whose
    working days were counted ("statutory" or "corporate"). `start_label` says
    what happened on `start`, as the explanation's first word(s).
    """

    start: date
    counted_from: date
    days: int
    due: date
    rule: str
    procedure: str
    skipped: tuple[SkippedDay, ...]
    start_label: str = "Received"

    def text(self) -> str:
        """One plain-English paragraph explaining the due date."""
        if self.counted_from == self.start:
            opening = f"{self.start_label} {format_day(self.start)}."
        else:
            reason = next(s.reason for s in self.skipped if s.day == self.start)
            opening = (
                f"{self.start_label} {format_day(self.start)}, not a working day ({reason}), "
                f"so counting starts from {format_day(self.counted_from)}."
            )
        rule = self.rule or f"{self.days} working days"
        # The rolled-over start days are already accounted for by the opening.
        counted = [s for s in self.skipped if s.day > self.counted_from]
        if counted:
            skipped = f"Skipped {self._skipped_list(counted)}."
        else:
            skipped = "No non-working days skipped."
        return f"{opening} {rule}. {skipped} Due {format_day(self.due)}."

    def _skipped_list(self, skipped: list[SkippedDay]) -> str:
        """Skipped days, with runs of the same reason sharing one label:
        "Sat 17 Dec, Sun 18 Dec (weekend), Mon 26 Dec (Boxing Day)"."""
        groups: list[tuple[str, list[date]]] = []
        for s in skipped:
            label = "weekend" if s.reason in _WEEKEND_REASONS else s.reason
            if groups and groups[-1][0] == label and _consecutive(groups[-1][1][-1], s.day):
                groups[-1][1].append(s.day)
            else:
                groups.append((label, [s.day]))
        return ", ".join(
            f"{', '.join(self._short(day) for day in days)} ({label})" for label, days in groups
        )

    def _short(self, day: date) -> str:
        """"Sat 17 Dec", with the year only when it differs from the start's."""
        return format_day(day) if day.year != self.start.year else _day_month(day)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy (dates as ISO strings), for a JSONField."""
        return {
            "start": self.start.isoformat(),
            "counted_from": self.counted_from.isoformat(),
            "days": self.days,
            "due": self.due.isoformat(),
            "rule": self.rule,
            "procedure": self.procedure,
            "skipped": [{"day": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
            "start_label": self.start_label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DueDate:
        """The inverse of as_dict. `start_label` may be absent (it defaults)."""
        return cls(
            start=date.fromisoformat(data["start"]),
            counted_from=date.fromisoformat(data["counted_from"]),
            days=data["days"],
            due=date.fromisoformat(data["due"]),
            rule=data["rule"],
            procedure=data["procedure"],
            skipped=tuple(
                SkippedDay(date.fromisoformat(s["day"]), s["reason"]) for s in data["skipped"]
            ),
            start_label=data.get("start_label", cls.start_label),
        )

    def recomputed(self, calendar: _Explaining) -> DueDate:
        """The same count (start, days, rule, label) redone on `calendar`, e.g.
        after an administrator added a bank holiday."""
        return calendar.explain(
            self.start, self.days, rule=self.rule, start_label=self.start_label
        )


def _day_month(day: date) -> str:
    """"Fri 16 Dec": English names whatever the process locale (unlike strftime)."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"


def format_day(day: date) -> str:
    """"Fri 16 Dec 2022": how every message and letter writes a day."""
    return f"{_day_month(day)} {day.year}"


def _consecutive(earlier: date, later: date) -> bool:
    return (later - earlier).days == 1
