"""The annual report's drafted sentences, from the (rounded, suppressed)
figures its tables show: one function per section, each writing grammatical
sentences (plurals and verbs agree with their counts, a year with no figures
is not compared with, the largest row is named, a zero says "no").

``draft(builder)`` appends them with ``builder.say(section, text, *figures)``:
every figure a sentence quotes is in its figures, so the numbers check
(complaints.reports.claims) can read it back.
"""

from __future__ import annotations

from complaints import workdays
from complaints.reports.wording import (
    _fmt,
    capitalised,
    change_words,
    count_of,
    listing,
    noun,
    percent_change,
    verb,
)

# Who complained, in a sentence: (one, many).
COMPLAINANTS = {
    "Parent or family member": ("a parent or family member", "parents or family members"),
    "Young person": ("a young person", "young people"),
    "Advocate": ("an advocate", "advocates"),
    "Foster carer": ("a foster carer", "foster carers"),
    "Professional": ("a professional", "professionals"),
    "Other": ("someone else", "others"),
}

# Remedies in a sentence: (one, many), by the table's row label.
REMEDIES = {
    "Apology": ("apology", "apologies"),
    "Explanation or further information": ("explanation or further information",
                                           "explanations or further information"),
    "Financial payment or adjustment": ("financial payment or adjustment", "financial payments or adjustments"),
    "Training identified": ("case of training identified", "cases of training identified"),
    "Change to procedure or records": ("change to procedure or records", "changes to procedure or records"),
    "Service improvement": ("service improvement", "service improvements"),
}


def draft(b) -> None:
    """Every section's sentences, in the order the tests and readers expect:
    totals first (the summary quotes it), the summary last."""
    this, last = b.labels
    for section in (_totals, _stages, _outcomes, _response_times, _largest_rows, _expenditure,
                    _ombudsman, _members, _compliments, _monitoring, _introduction, _summary):
        section(b, this, last)


def has_figures(table, column: str) -> bool:
    """Whether a table holds figures for a year: an entered year, or any count."""
    if table.sources.get(column) == "entered":
        return True
    i = table.columns.index(column)
    rows = table.rows + ([table.total] if table.total is not None else [])
    return any(row.values[i] for row in rows if i < len(row.values))


def _then(b, table, new, old, last) -> str:
    """ "; the number fell by 9.2% from 87 in 2020-21", or what to say without a comparison."""
    if not has_figures(table, last):
        return f"; no figures are held for {last}"
    if new is None or old is None:
        return f" ({_fmt(old)} in {last})"
    return f"; the number {change_words(new, old)} in {last}"


def _totals(b, this, last):
    totals = b.table("totals")
    stage1 = totals.row("Stage 1").values
    enquiries = totals.row("Enquiries").values
    went = verb(stage1[0], "went", "went")
    if None in stage1[:2]:
        b.say("totals", f"{noun(stage1[0], 'complaint')} {went} through Stage 1 in {this} "
                        f"({_fmt(stage1[1])} in {last}).", stage1[0], stage1[1])
    else:
        b.say("totals", f"{noun(stage1[0], 'complaint')} {went} through Stage 1 in {this}"
                        f"{_then(b, totals, stage1[0], stage1[1], last)}.", stage1[0], stage1[1])
    b.say("totals", f"{noun(enquiries[0], 'enquiry', 'enquiries')} {verb(enquiries[0])} received in {this} "
                    f"({_fmt(enquiries[1])} in {last}).", enquiries[0], enquiries[1])
    if b.figures.get("percent_of_children_complaining") is not None:
        pct = b.figures["percent_of_children_complaining"]
        b.say("totals", f"{pct:.2f}% of the {b.figures['children_receiving_services']:,} children "
                        f"receiving services made a formal complaint.", pct,
              b.figures["children_receiving_services"])


def _stages(b, this, last):
    totals = b.table("totals")
    escalated = totals.row("Stage 1 escalated to Stage 2").values
    not_progressed = b.table("stage2").row("Stage 2 requests resolved without an investigation").values
    stage3 = totals.row("Stage 3 review panel").values
    b.say("stages", f"{noun(escalated[0], 'complaint')} {verb(escalated[0])} investigated at Stage 2 in "
                    f"{this}, compared with {_fmt(escalated[1])} in {last}.", escalated[0], escalated[1])
    if not_progressed[0] != 0:
        b.say("stages", f"A further {count_of(not_progressed[0], 'request')} for Stage 2 "
                        f"{verb(not_progressed[0])} resolved through meetings without an investigation.",
              not_progressed[0])
    b.say("stages", f"{noun(stage3[0], 'complaint')} went to a Stage 3 review panel in {this} "
                    f"({_fmt(stage3[1])} in {last}).", stage3[0], stage3[1])
    outcomes = b.table("stage2_outcomes")
    total = outcomes.total.values[0]
    parts = [f"{_fmt(row.values[0])} {verb(row.values[0])} {row.label.lower()}"
             for row in outcomes.rows if row.values[0] != 0]
    if total and parts:
        b.say("stages", f"Of the {count_of(total, 'Stage 2 investigation')} requested in {this}, "
                        f"{listing(parts)}.", total, *[r.values[0] for r in outcomes.rows])


def _outcomes(b, this, last):
    outcomes = b.table("outcomes")
    total = outcomes.total.values[0]
    parts, figures = [], []
    for row in outcomes.rows:
        count, pct = row.values[0], row.values[1]
        if count == 0:
            continue
        parts.append(f"{_fmt(count)} {verb(count)} {row.label.lower()}"
                     + (f" ({_fmt(pct)}%)" if pct is not None else ""))
        figures += [count, pct]
    if total == 0:
        b.say("outcomes", f"No Stage 1 complaints were received in {this}.")
    else:
        b.say("outcomes", f"Of the {count_of(total, 'Stage 1 complaint')} received in {this}, "
                          + listing(parts) + ".", total, *figures)
    compare = has_figures(outcomes, last)
    last_count = outcomes.columns.index(last)
    for row in outcomes.rows[:3]:
        new, old = row.values[0], row.values[last_count]
        if compare:
            b.say("outcomes", f"Complaints {row.label.lower()}: {_fmt(new)} in {this}, {_fmt(old)} in {last} "
                              f"(the number {change_words(new, old)}).", new, old)
        else:
            b.say("outcomes", f"Complaints {row.label.lower()}: {_fmt(new)} in {this} (no figures are held "
                              f"for {last}).", new)
    remedies = b.table("remedies")
    given = [(row.label, row.values[0]) for row in remedies.rows if row.values[0]]
    if given:
        parts = [count_of(n, *REMEDIES.get(label, (label.lower(), label.lower()))) for label, n in given]
        b.say("outcomes", "Where a Stage 1 complaint was upheld or partially upheld, the remedies recorded "
                          f"were {listing(parts)}.", *[n for _, n in given])
    learning = b.table("learning").total.values[0]
    if learning:
        b.say("outcomes", f"{noun(learning, 'lesson')} learned from complaints {verb(learning)} recorded "
                          f"in {this}.", learning)


def _response_times(b, this, last):
    times = b.table("response_times")
    bands = workdays.stage_one_response_bands()
    within = times.row(bands[0].label).values
    over = times.row(bands[2].label).values
    if not times.total.values[0]:
        b.say("response_times", f"No Stage 1 complaints were received in {this}.")
        return
    b.say("response_times", f"{count_of(within[0], 'Stage 1 complaint')} ({_fmt(within[1])}%) "
                            f"{verb(within[0])} answered {bands[0].phrase} in {this}, compared with "
                            f"{_fmt(within[2])} ({_fmt(within[3])}%) in {last}.", *within)
    b.say("response_times", f"{_fmt(over[0])} ({_fmt(over[1])}%) took more than {bands[1].highest} "
                            "working days.", over[0], over[1])


def _largest(table):
    """The row with the most this year (a suppressed count is never named)."""
    shown = [row for row in table.rows if isinstance(row.values[0], int | float) and row.values[0]]
    return max(shown, key=lambda row: row.values[0], default=None)


def _largest_rows(b, this, last):
    for table_id, section, words in [
            ("teams", "teams", "The team with the most complaints in {this} was {label}"),
            ("themes", "themes", "The theme raised most often in {this} was {label}"),
            ("channels", "channels", "Most complaints in {this} were received by {label}")]:
        table = b.table(table_id)
        top = _largest(table)
        if top is None:
            continue
        text = words.format(this=this, label=top.label if table_id != "channels" else top.label.lower())
        if has_figures(table, last):
            b.say(section, f"{text} ({_fmt(top.values[0])}; {_fmt(top.values[1])} in {last}).",
                  top.values[0], top.values[1])
        else:
            b.say(section, f"{text} ({_fmt(top.values[0])}).", top.values[0])


def _expenditure(b, this, last):
    money = b.table("expenditure")
    new, old = money.total.values[0], money.total.values[1]
    b.say("expenditure", f"Spending on complaints was {_fmt(new)} in {this} and {_fmt(old)} in {last}.",
          new, old)
    change = percent_change(new, old)
    if change:
        b.say("expenditure", f"That is {'an increase' if change > 0 else 'a decrease'} of "
                             f"{_fmt(abs(change))}%.", abs(change))


def _ombudsman(b, this, last):
    ombudsman = b.table("ombudsman")
    new, old = ombudsman.total.values[0], ombudsman.total.values[1]
    made = noun(new, "enquiry", "enquiries")
    b.say("ombudsman", f"The Ombudsman made {made} in {this}, compared with {_fmt(old)} in {last}.", new, old)


def _members(b, this, last):
    members = b.table("members")
    received = members.row("Members' correspondence received").values
    pct = members.row("% answered within target").values
    if not received[0]:
        if received[0] == 0:
            b.say("members", f"No members' correspondence was received in {this} ({_fmt(received[1])} in "
                             f"{last}).", received[1])
        else:
            b.say("members", f"{capitalised(_fmt(received[0]))} items of members' correspondence were "
                             f"received in {this}.", received[0])
        return
    target = f"; {_fmt(pct[0])}% {verb(received[0], 'was', 'were')} answered within target" \
        if pct[0] is not None else ""
    if has_figures(members, last) and received[1] is not None:
        b.say("members", f"Members' correspondence {change_words(received[0], received[1])}: "
                         f"{_fmt(received[0])} in {this}{target}.", received[0], received[1], pct[0])
    else:
        b.say("members", f"{count_of(received[0], 'item')} of members' correspondence "
                         f"{verb(received[0])} received in {this}{target}.", received[0], pct[0])


def _compliments(b, this, last):
    compliments = b.table("compliments")
    new, old = compliments.total.values[0], compliments.total.values[1]
    b.say("compliments", f"{noun(new, 'compliment')} {verb(new)} recorded in {this}, compared with "
                         f"{_fmt(old)} in {last}.", new, old)


def _monitoring(b, this, last):
    complainants = b.table("complainants")
    total = complainants.total.values[0]
    rows = [r for r in complainants.rows if r.values[0] != 0]
    if not total or not rows:
        return
    parts = []
    for n, row in enumerate(rows):
        one, many = COMPLAINANTS.get(row.label, (row.label.lower(), row.label.lower()))
        made = f"{verb(row.values[0])} made " if n == 0 else ""
        parts.append(f"{_fmt(row.values[0])} {made}by {one if row.values[0] == 1 else many}")
    b.say("monitoring", f"Of the {count_of(total, 'Stage 1 complaint')}, {listing(parts)}.", total,
          *[r.values[0] for r in rows])


def introduction_paragraphs() -> list[str]:
    """The procedure and its timescales, from workdays/timescales.py: what a
    reader needs before the figures."""
    step = workdays.timescale
    s1 = step("statutory", "stage1_response")
    s2q = step("statutory", "stage2_request")
    s2 = step("statutory", "stage2_response")
    s3q = step("statutory", "stage3_request")
    panel = step("statutory", "panel")
    report = step("statutory", "panel_report")
    response = step("statutory", "panel_response")
    c1 = step("corporate", "stage1_response")
    return [
        "The Children Act 1989 Representations Procedure (England) Regulations 2006 govern complaints, "
        "representations and compliments about Children's Services. The procedure has three stages.",
        f"Stage 1, local resolution: the council responds within {s1.days} working days {s1.from_label}, "
        f"extended to at most {s1.max_days} working days for a complex complaint or to arrange an "
        "advocate. A child or young person who complains is offered an advocate. A complainant who is "
        f"not satisfied may ask for Stage 2 within {s2q.days} working days {s2q.from_label}.",
        f"Stage 2, investigation: an Investigating Officer and an Independent Person look into the "
        f"complaint; the council responds within {s2.days} working days {s2.from_label}, and at most "
        f"{s2.max_days} working days. A complainant who is not satisfied may ask for a review panel within "
        f"{s3q.days} working days {s3q.from_label}.",
        f"Stage 3, review panel: three independent people meet within {panel.days} working days "
        f"{panel.from_label}; the panel reports within {report.days} working days {report.from_label}, "
        f"and the council responds within {response.days} working days {response.from_label}.",
        "Complaints the statutory procedure does not cover follow the council's corporate procedure: "
        f"a Stage 1 response within {c1.days} working days {c1.from_label}.",
    ]


def _introduction(b, this, last):
    for paragraph in introduction_paragraphs():
        b.say("introduction", paragraph)


def _summary(b, this, last):
    first = b.sentences[0]
    b.say("summary", first.text, *first.figures)
    outcome = next(s for s in b.sentences if s.section == "outcomes")
    b.say("summary", outcome.text, *outcome.figures)
    for text, figures in largest_changes(b, this, last):
        b.say("summary", text, *figures)


def largest_changes(b, this, last, *, how_many: int = 3):
    """The year's largest changes among teams, themes and channels (by count,
    of rows with figures both years): "Complaints about disputing a decision
    fell from 19 in 2020-21 to 4."."""
    changes = []
    for table_id, subject in [("teams", "Complaints about {label}"), ("themes", "Points about {label}"),
                              ("channels", "Complaints received by {label}")]:
        table = b.table(table_id)
        if not has_figures(table, last):
            continue
        for row in table.rows:
            new, old = row.values[0], row.values[1]
            if isinstance(new, int) and isinstance(old, int) and old and new != old:
                changes.append((abs(new - old), subject.format(label=row.label[:1].lower() + row.label[1:]
                                                                if table_id != "teams" else row.label),
                                new, old))
    changes.sort(key=lambda change: -change[0])
    out = []
    for _, subject, new, old in changes[:how_many]:
        direction = "rose" if new > old else "fell"
        out.append((f"{subject} {direction} from {_fmt(old)} in {last} to {_fmt(new)} in {this}.", [new, old]))
    return out
