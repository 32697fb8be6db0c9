"""Finding everything held about a person: ``find(name, date_of_birth, email)``.

A person is found
- as the complainant on a case: the complainant's name, or their email address
  when one is given;
- as a child a case is about: the child's name and, when a date of birth is
  given, that date of birth (a child recorded without one is a possible match,
  to confirm by hand);
- named ("mentioned") in a case's free text: what happened, what they would
  like to happen, how it was resolved, why it was withdrawn, the points of
  complaint, remedies, learning and the timeline;
- in a compliment's words or among the staff it names; in members'
  correspondence, as its subject or as the member who wrote.

Names match whatever their capitals and spacing ("sam  TAYLOR" is Sam Taylor),
as whole words. A restricted case is found only when the person is a party to
it (its complainant or a child it is about), never because it mentions them,
and nothing linked to such a case (members' correspondence) is found through
it. Cases whose identifying details were destroyed under the retention
schedule (``destroyed_at``) hold nothing to find and are not searched.

Matching runs in the database as regular expressions (Django's ``iregex``:
Python's ``re`` on SQLite, POSIX on PostgreSQL), so the patterns use only
syntax both understand. Eleven queries, however much is found; those matching
names scan their tables.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q

from complaints.casework.models import (
    Case,
    Child,
    Learning,
    Point,
    Remedy,
    TimelineEntry,
)
from complaints.records.models import Compliment, MembersEnquiry


def normalise(name: str) -> str:
    """A name as compared: single spaces, no case."""
    return " ".join(name.split()).casefold()


def _words(name: str) -> list[str]:
    words = name.split()
    if not words:
        raise ValueError("A name to search for is needed")
    return words


def whole_name_pattern(name: str) -> str:
    """A field that is exactly ``name`` (any spacing), for ``iregex``."""
    return r"^\s*" + r"\s+".join(map(re.escape, _words(name))) + r"\s*$"


def named_in_pattern(name: str) -> str:
    """Text naming ``name`` as whole words (any spacing), for ``iregex``.
    (``\\b`` means a backspace to PostgreSQL, so word edges are spelt out.)"""
    return r"(^|\W)" + r"\s+".join(map(re.escape, _words(name))) + r"(\W|$)"


def name_regex(name: str) -> re.Pattern:
    """The same test as ``named_in_pattern``, in Python, for finding the passages."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, _words(name))) + r"(?!\w)", re.I)


# -- What was found -------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """Free text that names the person: where it is, and the text."""

    where: str
    text: str


@dataclass
class CaseFinding:
    """A case holding something about the person, and why."""

    case: Case
    as_complainant: bool = False
    # The Child records that are the person.
    children: list[Child] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    # False when they were found only as a child recorded without a date of
    # birth although one was given: possibly someone else with the same name.
    certain: bool = True

    @property
    def key(self) -> str:
        return f"case-{self.case.pk}"

    @property
    def is_party(self) -> bool:
        """The complainant or a child the case is about (not merely named in it)."""
        return self.as_complainant or bool(self.children)

    def reasons(self) -> list[str]:
        reasons = []
        if self.as_complainant:
            reasons.append("the complainant")
        if self.children:
            reasons.append("a child the case is about" if self.certain else
                           "possibly a child the case is about (no date of birth recorded)")
        if self.passages:
            reasons.append("named in " + ", ".join(p.where.lower() for p in self.passages))
        return reasons


@dataclass
class RecordFinding:
    """A compliment or members' enquiry naming the person."""

    record: Compliment | MembersEnquiry
    why: list[str]

    def reasons(self) -> list[str]:
        return self.why

    @property
    def key(self) -> str:
        kind = "compliment" if isinstance(self.record, Compliment) else "enquiry"
        return f"{kind}-{self.record.pk}"


@dataclass
class Findings:
    """What ``find`` found, as plain data: the pack and the request page read it."""

    name: str
    date_of_birth: date | None
    email: str
    cases: list[CaseFinding]
    compliments: list[RecordFinding]
    enquiries: list[RecordFinding]

    @property
    def party_cases(self) -> list[CaseFinding]:
        return [f for f in self.cases if f.is_party]

    @property
    def mentions(self) -> list[CaseFinding]:
        return [f for f in self.cases if not f.is_party]

    def __len__(self):
        return len(self.cases) + len(self.compliments) + len(self.enquiries)

    def keys(self) -> list[str]:
        return [f.key for f in (*self.cases, *self.compliments, *self.enquiries)]

    def certain_keys(self) -> list[str]:
        return [f.key for f in (*self.cases, *self.compliments, *self.enquiries)
                if getattr(f, "certain", True)]

    def only(self, keys) -> "Findings":
        """These findings narrowed to ``keys``; a key not found is ignored, so
        nothing can be added to a pack that the search did not find."""
        keys = set(keys)
        return replace(
            self,
            cases=[f for f in self.cases if f.key in keys],
            compliments=[f for f in self.compliments if f.key in keys],
            enquiries=[f for f in self.enquiries if f.key in keys],
        )

    def restricted_references(self) -> list[str]:
        """The references of the restricted cases among these findings."""
        return [f.case.reference for f in self.cases if f.case.restricted]

    def searched_for(self) -> str:
        """"Alex Taylor, born 31 March 2012, alex@example.com"."""
        parts = [self.name]
        if self.date_of_birth:
            parts.append(f"born {self.date_of_birth:%-d %B %Y}")
        if self.email:
            parts.append(self.email)
        return ", ".join(parts)


# -- The search -----------------------------------------------------------------------


def find(name: str, date_of_birth: date | None = None, email: str | None = None) -> Findings:
    """Everything held about the person: see the module docstring."""
    name, email = " ".join(name.split()), (email or "").strip()
    whole, named_in = whole_name_pattern(name), named_in_pattern(name)
    live = Case.objects.filter(destroyed_at=None)

    as_complainant = Q(complainant__name__iregex=whole)
    if email:
        as_complainant |= Q(complainant__email__iexact=email)
    complainant_of = set(live.filter(as_complainant).values_list("pk", flat=True))

    children = Child.objects.filter(case__destroyed_at=None, name__iregex=whole)
    if date_of_birth:
        children = children.filter(Q(date_of_birth=date_of_birth) | Q(date_of_birth=None))
    children_of = defaultdict(list)
    for child in children.order_by("id"):
        children_of[child.case_id].append(child)

    party = complainant_of | set(children_of)
    # Mentions never reach into a restricted case.
    mentioned = set(live.filter(restricted=False).filter(_names(named_in)).values_list("pk", flat=True))

    cases = (
        Case.objects.filter(pk__in=party | mentioned)
        .select_related("channel", "team", "officer", "complainant")
        .prefetch_related(
            "points__theme", "remedies", "learning",
            Prefetch("timeline", TimelineEntry.objects.select_related("by").order_by("at", "id")),
        )
        .order_by("received_on", "id")
    )
    pattern = name_regex(name)
    found = []
    for case in cases:
        finding = CaseFinding(
            case=case,
            as_complainant=case.pk in complainant_of,
            children=children_of.get(case.pk, []),
            passages=passages(case, pattern),
        )
        if date_of_birth and not finding.as_complainant and finding.children:
            finding.certain = any(c.date_of_birth == date_of_birth for c in finding.children)
        found.append(finding)

    return Findings(
        name=name, date_of_birth=date_of_birth, email=email, cases=found,
        compliments=_compliments(named_in, pattern),
        enquiries=_enquiries(name, named_in, pattern, party),
    )


def _names(named_in: str) -> Q:
    """Cases whose free text names the person."""
    def any_of(model, text_field):
        return Exists(model.objects.filter(case=OuterRef("pk"), **{f"{text_field}__iregex": named_in}))

    return (
        Q(summary__iregex=named_in) | Q(desired_outcome__iregex=named_in)
        | Q(resolution__iregex=named_in) | Q(withdrawal_reason__iregex=named_in)
        | Q(any_of(Point, "summary")) | Q(any_of(Remedy, "detail")) | Q(any_of(Learning, "text"))
        | Q(any_of(TimelineEntry, "text"))
    )


def passages(case: Case, pattern: re.Pattern) -> list[Passage]:
    """Every piece of the case's free text that ``pattern`` finds, with where it is.
    Reads the prefetched points, remedies, learning and timeline."""
    texts = [
        ("What happened", case.summary),
        ("What they would like to happen", case.desired_outcome),
        ("How it was resolved", case.resolution),
        ("Why it was withdrawn", case.withdrawal_reason),
        *((f"Point {p.number}", p.summary) for p in case.points.all()),
        *((f"Remedy at Stage {r.stage_number}", r.detail) for r in case.remedies.all()),
        *((f"Learning at Stage {item.stage_number}", item.text) for item in case.learning.all()),
        *((f"Timeline, {e.at:%-d %B %Y}", e.text) for e in case.timeline.all()),
    ]
    return [Passage(where, text) for where, text in texts if text and pattern.search(text)]


def _compliments(named_in: str, pattern: re.Pattern) -> list[RecordFinding]:
    found = []
    compliments = Compliment.objects.filter(
        Q(words__iregex=named_in) | Q(staff_named__iregex=named_in)
    ).select_related("team").order_by("received_on", "id")
    for compliment in compliments:
        reasons = []
        if pattern.search(compliment.words):
            reasons.append("named in what was said")
        if pattern.search(compliment.staff_named):
            reasons.append("named as a member of staff")
        found.append(RecordFinding(compliment, reasons))
    return found


def _enquiries(name: str, named_in: str, pattern: re.Pattern, party: set[int]) -> list[RecordFinding]:
    enquiries = (
        MembersEnquiry.objects.filter(
            Q(subject__iregex=named_in) | Q(member_name__iregex=whole_name_pattern(name)))
        .filter(Q(case=None) | Q(case__destroyed_at=None))
        # Nothing reaches into a restricted case the person is not a party to.
        .exclude(Q(case__restricted=True) & ~Q(case_id__in=party))
        .select_related("team", "case").order_by("received_on", "id")
    )
    found = []
    for enquiry in enquiries:
        reasons = []
        if normalise(enquiry.member_name) == normalise(name):
            reasons.append("the member who wrote")
        if pattern.search(enquiry.subject):
            reasons.append("named in the subject")
        found.append(RecordFinding(enquiry, reasons))
    return found
