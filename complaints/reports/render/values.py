"""How a report's values are written, the same in every format.

A count is "1,234", money "£14,413" (pence only when there are some), a
percentage "30.4%" (the report holds 30.4, not 0.304), an average "14.6", a
suppressed count "[c]" (the Government Statistical Service's symbol for a
confidential figure) and any other missing value "–".

A percentage is a value in a year's percentage column ("2021-22 %") or in a
row whose label starts with "%" ("% answered within target").
"""

import re
from decimal import Decimal

from complaints.reports.data import Row, Table, Value

SUPPRESSED = "[c]"
MISSING = "–"


def is_percent(column: str) -> bool:
    """A year's percentage column, "2021-22 %"."""
    return column.endswith("%")


def is_percent_row(row: Row) -> bool:
    return row.label.startswith("%")


_YEAR = re.compile(r"\d{4}(-\d{2})?")


def column_year(column: str) -> str:
    """The year a column is about: "2021-22 %" and "2021-22 Female" -> "2021-22"."""
    match = _YEAR.match(column)
    return match.group() if match else ""


def is_year(column: str) -> bool:
    """Whether the column is a year's counts, and nothing narrower ("2021-22")."""
    return bool(column) and column_year(column) == column


def is_numeric(table: Table) -> bool:
    """Whether the table's values are numbers (counts, percentages, money), not text."""
    return table.kind != "text"


def missing(table: Table, row: Row, column: str) -> str:
    """What stands for a value of None: "[c]" for a count (only suppression
    leaves a count out) or for any value of a row whose notes say why; "–"
    for the rest (a percentage of nothing, an average of no responses)."""
    count = table.kind == "count" and not is_percent(column) and not is_percent_row(row)
    return SUPPRESSED if count or row.notes else MISSING


def number(value: int | float | Decimal, *, places: int | None = None) -> str:
    """1234 -> "1,234"; 14.25 -> "14.3" (one decimal place unless ``places``)."""
    if isinstance(value, bool):
        raise TypeError("a report value is never a bool")
    if places is None:
        places = 0 if value == int(value) and not isinstance(value, float) else 1
    return f"{value:,.{places}f}"


def money(value: int | float | Decimal) -> str:
    """Pounds: Decimal("14413.00") -> "£14,413", Decimal("300.50") -> "£300.50"."""
    places = 0 if Decimal(str(value)) == int(value) else 2
    return f"£{value:,.{places}f}"


def text(value: Value, table: Table, column: str, row: Row) -> str:
    """``value`` as it is written in ``table``'s ``column``."""
    if value is None or value == "":
        return missing(table, row, column) if is_numeric(table) else ""
    if isinstance(value, str):
        return value
    if is_percent(column) or is_percent_row(row):
        return f"{number(value, places=1)}%"
    if table.kind == "money":
        return money(value)
    return number(value)


def row_texts(table: Table, row: Row) -> list[str]:
    """Each of ``row``'s values as written."""
    return [text(v, table, c, row) for v, c in zip(row.values, table.columns)]


def table_notes(table: Table) -> list[str]:
    """The table's notes, then its rows' notes, each note once with the rows it
    is about: "Suppressed: 1 to 5 (Fostering; Adopt London)" (a table note
    that is also a row note is said once, with its rows)."""
    by_note: dict[str, list[str]] = {}
    for row in table.rows + ([table.total] if table.total is not None else []):
        for note in row.notes:
            by_note.setdefault(note, []).append(row.label)
    own = [note for note in table.notes if note not in by_note]
    return own + [f"{note} ({'; '.join(labels)})" for note, labels in by_note.items()]


def listing(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
