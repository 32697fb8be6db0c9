"""How the reports write figures in sentences: numbers, money, a suppressed
count ("fewer than 6", following REPORT_SUPPRESS_UP_TO), plurals, verbs that
agree with their count, and the change from one year to the next."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def _pct(part, whole) -> float | None:
    if part is None or not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def percent_change(new, old) -> float | None:
    """The change from ``old`` to ``new`` in per cent (signed, one decimal
    place); None when either is missing or ``old`` is 0."""
    if new is None or old is None or not old:
        return None
    return round((float(new) - float(old)) * 100 / float(old), 1)


def change_words(new, old, *, what: str = "") -> str:
    """ "rose by 10.3% from 87" / "fell by 9.2% from 87" / "was unchanged", from
    the figures as shown."""
    if new is None or old is None:
        return "cannot be compared (a figure is suppressed)"
    if new == old:
        return "was unchanged"
    if not old:
        return f"rose from 0 to {_fmt(new)}"
    change = abs(percent_change(new, old))
    direction = "rose" if new > old else "fell"
    return f"{direction} by {_fmt(change)}% from {_fmt(old)}"


def _fmt(value) -> str:
    if value is None:  # suppressed in the published edition: a count from 1 to the setting
        return f"fewer than {settings.REPORT_SUPPRESS_UP_TO + 1}"
    if isinstance(value, Decimal):
        return f"£{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def is_one(value) -> bool:
    return value == 1 and not isinstance(value, bool)


def noun(value, singular: str, plural: str | None = None) -> str:
    """ "1 complaint", "3 complaints", "fewer than 6 complaints", "no complaints"."""
    plural = plural or singular + "s"
    if value == 0 and not isinstance(value, bool):
        return f"no {plural}"
    return f"{_fmt(value)} {singular if is_one(value) else plural}"


def count_of(value, singular: str, plural: str | None = None) -> str:
    """Like ``noun`` but writes 0 as "0": for figures beside others."""
    plural = plural or singular + "s"
    return f"{_fmt(value)} {singular if is_one(value) else plural}"


def verb(value, singular: str = "was", plural: str = "were") -> str:
    """The verb that agrees with a count ("1 was", "2 were"; a suppressed count is plural)."""
    return singular if is_one(value) else plural


def listing(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def compared(new, old, this: str, last: str, *, has_previous: bool = True) -> str:
    """How a figure moved from last year, ready to follow the figure's noun:
    "rose from 87 in 2020-21 to 79" is only written where the earlier year
    has figures; otherwise "(no figures for 2020-21)"."""
    if not has_previous:
        return f"(no figures are held for {last})"
    if new is None or old is None:
        return f"({_fmt(old)} in {last})"
    if new == old:
        return f"(the same as in {last})"
    if not old:
        return f"(none in {last})"
    change = percent_change(new, old)
    direction = "an increase" if change > 0 else "a decrease"
    return f"({direction} of {_fmt(abs(change))}% from {_fmt(old)} in {last})"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
