"""What may stand in one cell of an import file, and how a value is written back.

Each kind of value parses a cell (a string from a CSV file, or a string,
number, date or boolean from a workbook) into the value a model stores, and
formats a stored value for a workbook cell. A cell that will not parse raises
Invalid with the reason in plain English, naming the value:
"31/02/2022 is not a date", "'Fostring' is not a team — did you mean 'Fostering'?".

Kinds that name reference data (teams, themes, users) read it through the
import's ``Lookups``, loaded once per import or export.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# The most characters a spreadsheet cell holds (Excel's limit).
CELL_LIMIT = 32_767
# Several values in one cell are separated by semicolons (labels may hold commas).
SEPARATOR = ";"


class Invalid(ValueError):
    """A cell's value is not allowed; the message says why, naming the value."""


class Formula(str):
    """A workbook cell holding a formula rather than a value."""


class CellError(str):
    """A workbook cell holding an error value such as #N/A."""


def shown(raw) -> str:
    """A cell's value as a person would see it in a message: text in quotes."""
    if isinstance(raw, datetime):
        return raw.strftime("%d/%m/%Y") if raw.time() == datetime.min.time() else str(raw)
    if isinstance(raw, str):
        text = raw if len(raw) <= 60 else raw[:57] + "..."
        return f"'{text}'"
    return str(raw)


def normalised(text: str) -> str:
    """Lower case with runs of spaces as one: how labels and codes are matched."""
    return " ".join(str(text).split()).casefold()


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


class Kind:
    """A kind of cell value. ``describe`` says what is allowed, for the notes sheet."""

    blank = None

    def parse(self, raw, lookups):
        """The stored value for a non-blank cell, or Invalid."""
        raise NotImplementedError

    def format(self, value, lookups):
        """The workbook cell for a stored value (None for a blank cell)."""
        return None if value in (None, "") else value

    def describe(self, lookups) -> str:
        raise NotImplementedError

    def options(self, lookups) -> list[str] | None:
        """The values the template's drop-down list offers, if it has one."""
        return None


class Text(Kind):
    blank = ""

    def __init__(self, max_length: int = CELL_LIMIT):
        self.max_length = max_length

    def parse(self, raw, lookups):
        if isinstance(raw, bool):
            raise Invalid(f"{raw} is not text")
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, datetime):
            raise Invalid(f"{shown(raw)} is a date, not text: format the cell as text")
        text = str(raw).strip()
        if len(text) > self.max_length:
            raise Invalid(f"is {len(text):,} characters long: the most it can be is {self.max_length:,}")
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise Invalid(f"{shown(text)} contains a control character a spreadsheet cannot hold")
        return text

    def format(self, value, lookups):
        return ILLEGAL_CHARACTERS_RE.sub("", value) or None if value else None

    def describe(self, lookups):
        if self.max_length < CELL_LIMIT:
            return f"Text, up to {self.max_length:,} characters"
        return "Text"


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Date(Kind):
    """A date cell, or text as YYYY-MM-DD or DD/MM/YYYY."""

    def __init__(self, future: bool = False):
        self.future = future

    def parse(self, raw, lookups):
        if isinstance(raw, datetime):
            if raw.time() != datetime.min.time():
                raise Invalid(f"{raw:%d/%m/%Y %H:%M} has a time: give the date alone")
            day = raw.date()
        elif isinstance(raw, date):
            day = raw
        elif isinstance(raw, str):
            day = self._from_text(raw.strip())
        else:
            raise Invalid(f"{shown(raw)} is not a date: format the cell as a date, or type it as "
                          "YYYY-MM-DD or DD/MM/YYYY")
        if not 1900 <= day.year <= 2200:
            raise Invalid(f"{day:%d/%m/%Y} is not a believable date")
        if not self.future and day > lookups.today:
            raise Invalid(f"{day:%d/%m/%Y} is in the future")
        return day

    @staticmethod
    def _from_text(text: str) -> date:
        if match := _ISO.fullmatch(text):
            year, month, day = map(int, match.groups())
        elif match := _DAY_MONTH_YEAR.fullmatch(text):
            day, month, year = map(int, match.groups())
        else:
            raise Invalid(f"{text} is not a date: type it as YYYY-MM-DD or DD/MM/YYYY")
        try:
            return date(year, month, day)
        except ValueError:
            raise Invalid(f"{text} is not a date") from None

    def describe(self, lookups):
        tail = "" if self.future else "; not in the future"
        return f"A date: a date cell, or YYYY-MM-DD or DD/MM/YYYY{tail}"


class Bool(Kind):
    """Yes or No. Blank is ``blank``: None where not knowing is allowed."""

    WORDS = {"yes": True, "y": True, "true": True, "1": True,
             "no": False, "n": False, "false": False, "0": False}

    def __init__(self, blank: bool | None = False):
        self.blank = blank

    def parse(self, raw, lookups):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, (int, float)) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and (found := self.WORDS.get(normalised(raw))) is not None:
            return found
        raise Invalid(f"{shown(raw)} is not Yes or No")

    def format(self, value, lookups):
        if value is None or (value is False and self.blank is False):
            return None  # blank means No
        return "Yes" if value else "No"

    def describe(self, lookups):
        return "Yes or No" + (" (blank: not known)" if self.blank is None else " (blank: No)")

    def options(self, lookups):
        return ["Yes", "No"]


class Number(Kind):
    """A whole number from ``least`` to ``most``."""

    def __init__(self, least: int = 0, most: int = 32_767, blank: int | None = None):
        self.least, self.most, self.blank = least, most, blank

    def parse(self, raw, lookups):
        if isinstance(raw, bool) or isinstance(raw, datetime):
            raise Invalid(f"{shown(raw)} is not a whole number")
        try:
            number = Decimal(str(raw).strip())
        except InvalidOperation:
            raise Invalid(f"{shown(raw)} is not a whole number") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise Invalid(f"{shown(raw)} is not a whole number")
        if not self.least <= number <= self.most:
            raise Invalid(f"{shown(raw)} is not from {self.least} to {self.most:,}")
        return int(number)

    def format(self, value, lookups):
        return None if value is None or value == self.blank else value

    def describe(self, lookups):
        return f"A whole number from {self.least} to {self.most:,}"


class Money(Kind):
    """Pounds and pence: 1250, 1,250.50 or £1,250.50."""

    def parse(self, raw, lookups):
        if isinstance(raw, bool) or isinstance(raw, datetime):
            raise Invalid(f"{shown(raw)} is not an amount of money")
        text = str(raw).strip().replace(",", "").removeprefix("£").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise Invalid(f"{shown(raw)} is not an amount of money") from None
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            raise Invalid(f"{shown(raw)} is not an amount in pounds and pence")
        if abs(amount) >= Decimal("100000000"):
            raise Invalid(f"{shown(raw)} is more than £99,999,999.99")
        return amount.quantize(Decimal("0.01"))

    def format(self, value, lookups):
        return None if value is None else float(value)

    def describe(self, lookups):
        return "An amount in pounds, for example 1250 or 1,250.50"


class _Listed(Kind):
    """A value named by its label or its code, whatever the case; the label is
    written back. ``what`` names it in messages ("a team")."""

    what = ""

    def pairs(self, lookups) -> list[tuple[object, str, list[str]]]:
        """(stored value, label, other names it may be given by) for each option."""
        raise NotImplementedError

    def _table(self, lookups) -> dict[str, object]:
        """Each name (label, code, alias) both as given and normalised."""
        return lookups.table(self, lambda: {
            key: value
            for value, label, others in self.pairs(lookups)
            for name in [*others, label]
            for key in (normalised(name), str(name))
        })

    def parse(self, raw, lookups):
        table = self._table(lookups)
        if raw in table:  # the label or code exactly, as in an export: the common case
            return table[raw]
        text = str(raw).strip() if not isinstance(raw, float) or not raw.is_integer() else str(int(raw))
        found = table.get(normalised(text), _MISSING)
        if found is _MISSING:
            raise Invalid(self._not_found(text, lookups))
        return found

    def _not_found(self, text, lookups) -> str:
        labels = [label for _, label, _ in self.pairs(lookups)]
        message = f"'{text}' is not {self.what}"
        close = difflib.get_close_matches(normalised(text), [normalised(label) for label in labels],
                                          n=1, cutoff=0.6)
        if close:
            label = next(label for label in labels if normalised(label) == close[0])
            return f"{message} — did you mean '{label}'?"
        if not labels:
            return f"{message}: none are set up yet"
        if len(labels) <= 6:
            return f"{message}: choose {_either(labels)}"
        return f"{message}: the notes sheet lists them"

    def format(self, value, lookups):
        if value in (None, ""):
            return None
        return lookups.table((self, "labels"), lambda: {
            value: label for value, label, _ in self.pairs(lookups)
        })[value]

    def describe(self, lookups):
        pairs = self.pairs(lookups)
        if pairs and all(others for _, _, others in pairs):
            return "One of: " + "; ".join(f"{label} ({others[0]})" for _, label, others in pairs)
        return "One of: " + "; ".join(label for _, label, _ in pairs)

    def options(self, lookups):
        return [label for _, label, _ in self.pairs(lookups)]


_MISSING = object()


def _either(labels: list[str]) -> str:
    quoted = [f"'{label}'" for label in labels]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class Choice(_Listed):
    """One of a TextChoices (or a field's list of choices), by label or stored
    value; ``aliases`` are other words for a value (the Ombudsman's wording, say)."""

    def __init__(self, choices, what: str, aliases: dict[str, str] | None = None):
        self.choices, self.what = getattr(choices, "choices", choices), what
        self.aliases = aliases or {}
        self.blank = ""

    def pairs(self, lookups):
        return [
            (value, label, [value, *(a for a, v in self.aliases.items() if v == value)])
            for value, label in self.choices
        ]


class Ref(_Listed):
    """A row of reference data (a team, theme, channel, user...), stored as its
    primary key, named by ``fields`` (the first is the one written back).
    Inactive rows are accepted, so that earlier years import, but not offered."""

    def __init__(self, model: str, what: str, fields: tuple[str, ...] = ("name", "code")):
        self.model_label, self.what, self.fields = model, what, fields

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_label)

    def pairs(self, lookups):
        return lookups.table((self, "pairs"), lambda: [
            (row[0], row[1], list(row[2:]))
            for row in self.model.objects.order_by(*self.model._meta.ordering or ["pk"])
            .values_list("pk", *self.fields)
        ])

    def describe(self, lookups):
        names = " or ".join(self.fields)
        return f"The {names} of {self.what} (the list on the Lists sheet)"

    def options(self, lookups):
        model = self.model
        rows = model.objects.all()
        if any(f.name == "active" for f in model._meta.get_fields()):
            rows = rows.filter(active=True)
        if model._meta.label == "accounts.User":
            rows = rows.filter(is_active=True)
        return list(rows.values_list(self.fields[0], flat=True))


class Many(Kind):
    """Several values of ``kind`` in one cell, separated by semicolons; stored
    as a sorted list."""

    blank = ()

    def __init__(self, kind: Kind):
        self.kind = kind

    def parse(self, raw, lookups):
        parts = [part.strip() for part in str(raw).split(SEPARATOR) if part.strip()]
        try:
            values = [self.kind.parse(part, lookups) for part in parts]
        except Invalid as problem:
            hint = " (separate several with semicolons)" if "," in str(raw) else ""
            raise Invalid(f"{problem}{hint}") from None
        return tuple(sorted(set(values), key=str))

    def format(self, values, lookups):
        return f"{SEPARATOR} ".join(self.kind.format(v, lookups) for v in values) or None

    def describe(self, lookups):
        return f"Several, separated by semicolons ({SEPARATOR}). Each: {self.kind.describe(lookups)}"


class Pattern(Text):
    """Text of a given shape, checked by ``check`` (which raises ValueError)."""

    def __init__(self, max_length: int, check, described: str):
        super().__init__(max_length)
        self.check, self.described = check, described

    def parse(self, raw, lookups):
        text = super().parse(raw, lookups)
        try:
            return self.check(text)
        except ValueError as error:
            raise Invalid(str(error)) from None

    def describe(self, lookups):
        return self.described


class Lookups:
    """Reference data read once per import or export (each table on first
    use), and the day that counts as today."""

    def __init__(self, today: date):
        self.today = today
        self._tables: dict = {}

    def table(self, key, build):
        if key not in self._tables:
            self._tables[key] = build()
        return self._tables[key]


_POINT_NAME = re.compile(r"(.+?)\s+point\s+(\d{1,2})", re.IGNORECASE)


class PointName(Kind):
    """A point of complaint named as "COM-2022-0001 point 2": (reference, number)."""

    def parse(self, raw, lookups):
        match = _POINT_NAME.fullmatch(str(raw).strip())
        if not match:
            raise Invalid(f"{shown(raw)} is not a point of complaint written like 'COM-2022-0001 point 2'")
        return match[1], int(match[2])

    def format(self, value, lookups):
        return f"{value[0]} point {value[1]}"

    def describe(self, lookups):
        return "A point of complaint, written like 'COM-2022-0001 point 2'"
