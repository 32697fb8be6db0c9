"""The numbers check: what each number in a paragraph claims, read against
the report's figures.

A number next to a label is checked against that label's figure: "17 were
partially upheld" against the Stage 1 outcomes' "Partially upheld" for the
year the sentence names (the report's year if it names none); "a 10%
decrease in complaints" against the change in complaints from the year
before. A number next to no label must be a figure of the section. Years,
dates, stage numbers, timescales ("10 working days") and a suppressed
count's bound ("fewer than 6") are not figures.

``check(...)`` returns one problem, in words an officer can act on, per
number that is wrong or unknown.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings

from complaints import workdays
from complaints.reports.data import Row, Table

NUMBER = re.compile(r"£?\d[\d,]*(?:\.\d+)?%?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£\"“'(])|\n+")
WORD = re.compile(r"[a-z0-9]+")
YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[-/–]\s*(\d\d)\b")

RISE = {"increase", "increased", "increases", "rise", "rose", "risen", "up", "higher", "more", "growth"}
FALL = {"decrease", "decreased", "decreases", "fall", "fell", "fallen", "down", "drop", "dropped", "lower",
        "fewer", "reduction", "reduced", "less"}
VERBS = {"were", "was", "are", "is", "been", "being", "have", "has", "had", "of", "which", "those", "these",
         "they", "we", "received", "recorded", "in", "total"}
FILLER = {"in", "the", "number", "of", "a", "an", "amount", "total", "those", "all", "for", "on"}

PRIMARY = ["totals", "outcomes", "stage2", "response_times", "teams", "themes", "channels", "compliments",
           "ombudsman", "members", "expenditure"]

# Words that name a whole table's or row's figure without its label.
ALIASES = {
    ("totals", "Stage 1"): ["complaints", "stage 1 complaints", "formal complaints", "complaints received"],
    ("totals", "Enquiries"): ["enquiries"],
    ("stage2", "Stage 2 investigations"): ["stage 2 investigations", "investigations", "stage 2 complaints"],
    ("compliments", "Total"): ["compliments"],
    ("ombudsman", "Total"): ["ombudsman enquiries", "enquiries from the ombudsman", "referrals"],
    ("members", "Members' correspondence received"): ["members correspondence", "members enquiries"],
    ("expenditure", "Total"): ["spend", "spending", "expenditure", "costs"],
}


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("'", ""))


def _decimal(token: str) -> Decimal | None:
    try:
        return Decimal(token.lstrip("£").rstrip("%").replace(",", ""))
    except InvalidOperation:
        return None


def normal(value) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f") if number != number.to_integral() else str(int(number))


def _same(claimed: Decimal, actual) -> bool:
    """Whether ``claimed`` is ``actual`` written to the claim's own precision."""
    if actual is None:
        return False
    places = -claimed.as_tuple().exponent if claimed.as_tuple().exponent < 0 else 0
    return round(Decimal(str(actual)), places) == claimed


class _Labels:
    """Every label a number may stand beside: (words, table, row), longest first."""

    def __init__(self, tables: list[Table], section_id: str):
        entries = []
        # The section's own tables first, then the report's main ones: "17 were upheld"
        # in the summary is about Stage 1 outcomes, not the Stage 2 investigations'.
        ordered = sorted(tables, key=lambda t: (t.section != section_id,
                                                PRIMARY.index(t.id) if t.id in PRIMARY else len(PRIMARY)))
        for rank, table in enumerate(ordered):
            if table.kind == "text":
                continue
            rows = table.rows + ([table.total] if table.total is not None else [])
            for row in rows:
                names = [] if row is table.total else [row.label]
                names += ALIASES.get((table.id, row.label), [])
                for name in names:
                    words = tuple(w for w in _words(name) if w not in {"the"})
                    if words:
                        entries.append((words, rank, table, row))
        entries.sort(key=lambda e: (-len(e[0]), e[1]))
        self.entries = entries

    def at_start(self, words: list[str]) -> tuple[Table, Row, str] | None:
        for label, _rank, table, row in self.entries:
            if tuple(words[:len(label)]) == label:
                return table, row, " ".join(label)
        return None

    def within(self, words: list[str]) -> tuple[Table, Row, str] | None:
        for start in range(len(words)):
            found = self.at_start(words[start:])
            if found:
                return found
        return None


def _value(table: Table, row: Row, column: str):
    if column not in table.columns:
        return None
    return row.values[table.columns.index(column)]


def check(text: str, *, tables: list[Table], figures: set[str], section_id: str,
          years: list[str]) -> list[tuple[str, str]]:
    """The problems with the numbers in ``text``, as (the number, what is
    wrong); empty: every number checks.
    ``figures``: every figure of the section, as ``normal`` writes them;
    ``years``: the report's year and the year before ("2021-22", "2020-21")."""
    labels = _Labels(tables, section_id)
    this, last = years[0], years[1]
    timescales = {str(step.days) for proc in workdays.PROCEDURES.values() for step in proc.steps.values()} | {
        str(step.max_days) for proc in workdays.PROCEDURES.values() for step in proc.steps.values()
        if step.max_days}
    problems = []
    for sentence in SENTENCE_END.split(text):
        named = [f"{a}-{b}" for a, b in YEAR.findall(sentence)]
        columns = [y for y in named if y in years] or [this]
        for match in NUMBER.finditer(sentence):
            token = match.group()
            start, end = match.span()
            if _not_a_figure(sentence, token, start, end, timescales):
                continue
            claimed = _decimal(token)
            if claimed is None:
                continue
            before = _words(sentence[max(0, start - 40):start])[-3:]
            after = _words(sentence[end:end + 120])
            problem = None
            if token.endswith("%") and (RISE | FALL) & set(before + after[:2]):
                problem = _change(token, claimed, before, after, labels, this, last,
                                  earlier=_words(sentence[:start]))
            elif not token.endswith("%"):
                rest = [w for w in after[:2] if w in VERBS]
                found = labels.at_start(after[len(rest):]) if after else None
                if found:
                    table, row, label = found
                    values = [_value(table, row, column) for column in columns]
                    # "Complaints" may be narrowed by a label that follows ("24 Stage 1
                    # complaints were answered within 10 working days"): its figure counts.
                    narrower = [labels.at_start(after[i:]) for i in range(1, min(len(after), 14))] \
                        if table.id == "totals" else []
                    values += [_value(t, r, c) for t, r, _ in filter(None, narrower) for c in columns]
                    if not any(_same(claimed, v) for v in values if v is not None) and any(
                            v is not None for v in values):
                        values = values[:len(columns)]
                        shown = " and ".join(f"{_written(v, table)} in {c}" for v, c in zip(values, columns)
                                             if v is not None)
                        problem = (f"“{token} {' '.join(after[:len(rest) + len(label.split())])}”: "
                                   f"the figure is {shown}.")
                    else:
                        continue
            if problem is None and normal(claimed) not in figures:
                problem = f"“{token}” is not a figure of this section."
            if problem:
                problems.append((token, problem))
    return problems


def _written(value, table: Table) -> str:
    if table.kind == "money":
        return f"£{value:,.0f}"
    return normal(value)


def _not_a_figure(sentence: str, token: str, start: int, end: int, timescales: set[str]) -> bool:
    bare = token.lstrip("£").rstrip("%")
    if re.fullmatch(r"(19|20)\d\d", bare) or YEAR.match(sentence, start):
        return True
    if sentence[max(start - 3, 0):start].endswith(("-", "/", "–")) or (
            end < len(sentence) and sentence[end] in "-/–"):
        return True  # part of a year or a date
    before = _words(sentence[max(0, start - 20):start])
    after = _words(sentence[end:end + 20])
    if before[-1:] == ["stage"] or before[-1:] == ["q"]:
        return True
    if after[:2] == ["working", "days"] and bare in timescales:
        return True
    if before[-2:] == ["fewer", "than"] and bare == str(settings.REPORT_SUPPRESS_UP_TO + 1):
        return True
    return False


def _change(token, claimed, before, after, labels: _Labels, this, last, *, earlier=()) -> str | None:
    """A claimed percentage change: its subject's change from last year (the
    subject follows, "a 10% decrease in complaints", or came earlier in the
    sentence, "79 complaints ...; the number fell by 9.2%")."""
    words = [w for w in after if w not in RISE | FALL]
    rising = bool(RISE & set(before + after[:2]))
    while words and words[0] in FILLER:
        words = words[1:]
    found = labels.at_start(words) or labels.within(words[:8])
    if not found:
        # The subject came earlier: any label the sentence named whose change this is.
        named = [labels.at_start(list(earlier[i:])) for i in range(len(earlier))]
        named = [n for n in named if n]
        for table, row, label in named:
            new, old = _value(table, row, this), _value(table, row, last)
            if new is not None and old:
                actual = (Decimal(str(new)) - Decimal(str(old))) * 100 / Decimal(str(old))
                if _same(claimed, abs(actual)):
                    return ""
        found = named[0] if named else None
    if not found:
        return None  # no subject: the general figures decide
    table, row, label = found
    new, old = _value(table, row, this), _value(table, row, last)
    if new is None or old is None or not old:
        return f"“{token}” change in {label}: the report cannot compare {this} with {last}."
    actual = (Decimal(str(new)) - Decimal(str(old))) * 100 / Decimal(str(old))
    direction = "an increase" if actual > 0 else "a decrease"
    if _same(claimed, abs(actual)) and (actual > 0) == rising:
        return ""
    return (f"“{token}” change in {label}: from {_written(old, table)} in {last} to {_written(new, table)} "
            f"in {this} is {direction} of {normal(round(abs(actual), 1))}%.")
