"""The procedure's rules on who and what it covers, in the Regulations' words.

Each rule is a pure function of facts (no database, no request) that returns
findings: the fact it is about and a message an officer can act on. Callers
decide what to do with them:

- the procedure (``procedure.route``) raises the first finding, so nothing is
  saved;
- the import reports every finding with its sheet, row and column
  (``transfer.mappers.CaseMapper``);

so a complaint the procedure refuses is refused by the import too, in the same
words. ``tests/casework/test_rules.py`` feeds the same facts to both.

A decision being made now (``deciding=True``: an officer routing a complaint)
must rest on every fact it needs; a decision already made and being recorded
from another system (``deciding=False``: the import) may leave a fact it did
not record blank, but no recorded fact may contradict the procedure.
"""

from dataclasses import dataclass
from datetime import date

from complaints.workdays.explain import format_day

STATUTORY = "statutory"

# Who is complaining (Case.Eligibility's stored values: the Regulations' complainants).
CHILD = "child"
SUFFICIENT_INTEREST = "sufficient_interest"
NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Finding:
    """A rule the facts break: ``field`` names the fact as the Case model does."""

    field: str
    message: str


@dataclass(frozen=True)
class RoutingFacts:
    """What the decision about which procedure applies rests on."""

    procedure: str
    received_on: date
    eligibility: str = ""
    sufficient_interest_on: date | None = None
    child_agrees: str = ""
    qualifying_function: bool | None = None
    aware_on: date | None = None
    time_limit_discretion: str = ""


def one_year_after(day: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def who_may_use_the_statutory_procedure(facts: RoutingFacts, *, deciding: bool) -> list[Finding]:
    """Section 26(3A) and (3B) of the Children Act 1989: the child, a parent, a person with
    parental responsibility, a foster carer, special guardians, adoption parties, care
    leavers, or someone the council decides has sufficient interest (a recorded decision,
    with its date). When an adult complains for a child, whether the child agrees."""
    if facts.procedure != STATUTORY:
        return []
    if not facts.eligibility:
        return [Finding("eligibility", "Select who is complaining")] if deciding else []
    if facts.eligibility == NOT_ELIGIBLE:
        return [Finding("eligibility", "The statutory procedure is only for the complainants the "
                                       "regulations list: choose the corporate procedure, or record a "
                                       "sufficient interest decision")]
    findings = []
    if facts.eligibility == SUFFICIENT_INTEREST and facts.sufficient_interest_on is None:
        findings.append(Finding("sufficient_interest_on",
                                "Enter the date the council decided they have sufficient interest"))
    if deciding and facts.eligibility != CHILD and not facts.child_agrees:
        findings.append(Finding("child_agrees",
                                "Select whether the child agrees to the complaint being made for them"))
    return findings


def about_a_qualifying_function(facts: RoutingFacts, *, deciding: bool) -> list[Finding]:
    """Section 26(3) and regulation 3: the statutory procedure covers only the qualifying
    functions (Part 3 of the Act, some of Parts 4 and 5, adoption, special guardianship
    support). A decision being made must establish it; a recorded one must not deny it."""
    if facts.procedure != STATUTORY:
        return []
    if facts.qualifying_function is False or (deciding and facts.qualifying_function is None):
        return [Finding("qualifying_function", "The statutory procedure covers only the qualifying "
                                               "functions: choose the corporate procedure")]
    return []


def made_within_the_time_limit(facts: RoutingFacts) -> list[Finding]:
    """Regulation 9: a complaint is made within a year of the complainant becoming aware
    of the matter, but the limit is not applied rigidly: a later one is considered with
    the reason recorded (under either procedure)."""
    if facts.aware_on is None:
        return []
    if facts.aware_on > facts.received_on:
        return [Finding("aware_on", "The date they became aware must be on or before the date received")]
    if facts.received_on > one_year_after(facts.aware_on) and not facts.time_limit_discretion.strip():
        return [Finding("time_limit_discretion",
                        f"The complaint was made more than a year after {format_day(facts.aware_on)}: "
                        "record why it is being considered (the time limit must not be applied rigidly)")]
    return []


def which_procedure_applies(facts: RoutingFacts, *, deciding: bool) -> list[Finding]:
    """Every finding against the procedure chosen for a complaint, in the order an officer
    answers the questions."""
    return [
        *who_may_use_the_statutory_procedure(facts, deciding=deciding),
        *about_a_qualifying_function(facts, deciding=deciding),
        *made_within_the_time_limit(facts),
    ]
