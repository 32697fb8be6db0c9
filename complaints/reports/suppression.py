"""Suppression for the published edition: which tables it applies to (a
policy per table, REPORT_SUPPRESSED_TABLES), the rule itself (``suppress``)
and the quarterly report's version of it (``suppress_quarters``).

By default only the tables that describe people are suppressed: who
complained, advocacy, age and gender, disability, ethnicity and religion.
The Ombudsman publishes its own decisions; channels, teams, themes,
outcomes, response times and costs identify nobody.
"""

from __future__ import annotations

from django.conf import settings

from complaints.reports.data import Table
from complaints.reports.wording import listing

# The tables about people, by id, and what the edition calls them.
PEOPLE_TABLES = {
    "complainants": "who complained",
    "advocacy": "advocacy",
    "age_gender": "age and gender",
    "disability": "disability",
    "ethnicity": "ethnicity",
    "religion": "religion",
}


def suppressed_tables() -> list[str]:
    """The ids of the tables the published edition suppresses (the setting)."""
    return list(settings.REPORT_SUPPRESSED_TABLES)


def is_suppressed(table_id: str) -> bool:
    return table_id in settings.REPORT_SUPPRESSED_TABLES


def rule_text(titles: dict[str, str]) -> str:
    """The published edition's rule, in words: what it suppresses and where.
    ``titles``: table id -> title, for tables named in the policy."""
    up_to = settings.REPORT_SUPPRESS_UP_TO
    if up_to <= 0 or not settings.REPORT_SUPPRESSED_TABLES:
        return "Published edition: every count is shown."
    named = [PEOPLE_TABLES.get(t) or titles.get(t, t).lower() for t in settings.REPORT_SUPPRESSED_TABLES
             if t in titles or t in PEOPLE_TABLES]
    return (f"Published edition: in the tables about {listing(named)}, a count from 1 to {up_to} is "
            "shown as [c], and so is one more where a total would give it back. Every other table "
            "shows every count.")


def suppress(table: Table, up_to: int) -> None:
    """The published edition: counts from 1 to ``up_to`` become None with a
    note, and where a column's total is shown and exactly one cell of it is
    suppressed, the next smallest is suppressed too, so no suppressed count can
    be worked out from the total. Percentages follow their counts."""
    if table.kind != "count" or up_to <= 0:
        return
    counts = table.count_columns()
    note = f"Suppressed: a count from 1 to {up_to}, or one that would reveal one."
    for i in counts:
        column = [row.values[i] for row in table.rows]
        hidden = [j for j, v in enumerate(column) if isinstance(v, int) and 1 <= v <= up_to]
        total = table.total.values[i] if table.total else None
        if table.total is not None and isinstance(total, int) and 1 <= total <= up_to:
            table.total.values[i] = None
            hidden = [j for j, v in enumerate(column) if isinstance(v, int) and v >= 1]
        elif table.total is not None and len(hidden) == 1:
            others = sorted((v, j) for j, v in enumerate(column) if isinstance(v, int) and v >= 1 and j not in hidden)
            if others:
                hidden.append(others[0][1])
        for j in hidden:
            row = table.rows[j]
            row.values[i] = None
            if i + 1 < len(table.columns) and table.columns[i + 1].endswith("%"):
                row.values[i + 1] = None
            if note not in row.notes:
                row.notes.append(note)
    if any(None in row.values for row in table.rows):
        table.notes.append(note)



def suppress_quarters(quarters: dict[str, list[int]], up_to: int, *, total: str | None = None,
                      suppressed_in_year: set[str] = frozenset()) -> set[tuple[str, int]]:
    """The published edition of the quarterly report: which quarters' counts
    are suppressed, as (row label, quarter index 0 to 3), so that no quarter
    and no sum of quarters reveals a count the annual published edition
    suppresses, nor a suppressed quarter itself.

    ``quarters`` holds each row's counts for the year's four quarters (the
    row ``total``, if given, is the sum of the others); ``suppressed_in_year``
    names the rows whose count for the year the annual published edition
    suppresses. The rules, applied until nothing changes:

    - a row suppressed for the year (a year's count from 1 to ``up_to``, or
      one the annual edition suppresses) is suppressed in every quarter, and
      so is each row of a table whose year total is suppressed;
    - a quarter's count from 1 to ``up_to`` is suppressed;
    - where a row's year figure is shown and only one of its quarters is
      suppressed, the next smallest quarter is suppressed too (the year
      minus the other three would give it back);
    - the same down each quarter's column against its total; a suppressed
      total is never the sum of the counts shown above it;
    - where the year's total is shown and only one row's year count is
      suppressed, the next smallest is suppressed too, as ``suppress`` does.
    """
    if up_to <= 0:
        return set()
    rows = [label for label in quarters if label != total]
    year = {label: sum(values) for label, values in quarters.items()}
    in_year = set(suppressed_in_year) | {label for label, n in year.items() if 1 <= n <= up_to}
    hidden = {(label, q) for label, values in quarters.items() for q, n in enumerate(values) if 1 <= n <= up_to}

    def smallest(cells):
        """The cell to suppress besides: the smallest count, a count of 0 only if no other."""
        return min(cells, key=lambda cell: (cell[2] == 0, cell[2], cell[0]), default=None)

    changed = True
    while changed:
        before = (len(in_year), len(hidden))
        if total is not None and total in in_year:
            in_year.update(label for label in rows if year[label])
        if total is not None and total not in in_year and len(in_year & set(rows)) == 1:
            if pick := smallest([(i, label, year[label]) for i, label in enumerate(rows)
                                 if label not in in_year and year[label]]):
                in_year.add(pick[1])
        for label, values in quarters.items():
            if label in in_year:
                hidden.update((label, q) for q in range(4))
            elif sum((label, q) in hidden for q in range(4)) == 1:
                if pick := smallest([(q, label, n) for q, n in enumerate(values) if (label, q) not in hidden]):
                    hidden.add((pick[1], pick[0]))
        if total is not None:
            for q in range(4):
                shown = [(i, label, quarters[label][q]) for i, label in enumerate(rows) if (label, q) not in hidden]
                suppressed = len(rows) - len(shown)
                if (total, q) in hidden and suppressed == 0 or (total, q) not in hidden and suppressed == 1:
                    if pick := smallest(shown):
                        hidden.add((pick[1], q))
        changed = (len(in_year), len(hidden)) != before
    return hidden
