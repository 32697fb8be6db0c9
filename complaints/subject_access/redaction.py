"""Marking other people's names for redaction review.

A disclosure pack gives the person their own data, not other people's: every
name the database knows that is not theirs (other complainants and children,
staff, independent people and panel members, members of the council or
Parliament, staff named in compliments) is written "[REDACT? Jane Smith]" and
highlighted, for a reviewer to decide on, and listed with where it appears.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from complaints.casework.models import Child, Complainant
from complaints.subject_access.search import normalise

MARK = "[REDACT? {}]"


@dataclass(frozen=True)
class Segment:
    """A piece of text; ``marked`` when it is a name marked for redaction review."""

    text: str
    marked: bool = False


Text = tuple[Segment, ...]


def plain(text: str) -> Text:
    return (Segment(text),) if text else ()


class Redactor:
    """Marks every occurrence of ``others`` (whole words, any case and spacing)
    and of ``first_names`` (whole words as written: "Robin", not "robin") that
    is not the data subject's own name; remembers each name marked and where,
    in order."""

    def __init__(self, subject: str, others: Iterable[str], first_names: Iterable[str] = ()):
        self.subject = normalise(subject)
        own_words = set(self.subject.split())
        # A name made only of words of their own ("Teju" for Teju Adeyemi) is taken to be theirs.
        names = {normalise(n) for n in others if n and n.strip()}
        names = {n for n in names if not set(n.split()) <= own_words}
        firsts = {n.strip() for n in first_names if n and n.strip()}
        firsts = {n for n in firsts if n.casefold() not in own_words and normalise(n) not in names}
        # The subject's own name is an alternative too, so that a shorter name
        # inside it ("Ann Smith" in "Mary Ann Smith") is not marked; longest first.
        alternatives = sorted(
            [(n, r"\s+".join(map(re.escape, n.split()))) for n in names | {self.subject}]
            + [(n, rf"(?-i:{re.escape(n)})") for n in firsts],
            key=lambda pair: len(pair[0]), reverse=True,
        )
        self._pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(pattern for _, pattern in alternatives) + r")(?!\w)",
            re.IGNORECASE,
        )
        # normalised name -> (the name as first marked, {where: None} in order)
        self.marked: dict[str, tuple[str, dict[str, None]]] = {}

    def text(self, text: str, where: str) -> Text:
        """Free text with the names of others in it marked."""
        if not text:
            return ()
        segments, last = [], 0
        for match in self._pattern.finditer(text):
            if normalise(match.group()) == self.subject:
                continue
            segments += [Segment(text[last:match.start()]), self._mark(match.group(), where)]
            last = match.end()
        segments.append(Segment(text[last:]))
        return tuple(s for s in segments if s.text)

    def other(self, value: str, where: str) -> Text:
        """A value that is someone else's (a name, an email address): marked whole."""
        return (self._mark(value, where),) if value and value.strip() else ()

    def person(self, name: str, where: str, *, is_subject: bool) -> Text:
        return plain(name) if is_subject else self.other(name, where)

    def _mark(self, value: str, where: str) -> Segment:
        value = " ".join(value.split())
        self.marked.setdefault(normalise(value), (value, {}))[1][where] = None
        return Segment(MARK.format(value), marked=True)

    def table(self) -> list[tuple[str, str]]:
        """(name, where) for every name marked, names in the order first marked
        (in the form first marked), each place once."""
        return [(name, "; ".join(wheres)) for name, wheres in self.marked.values()]


# Runs of capitalised words: where a name in free text would be.
_CAPITALISED = re.compile(r"(?<!\w)[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)+")


def candidate_names(texts: Iterable[str], *, longest: int = 4) -> set[str]:
    """Every run of two to ``longest`` capitalised words in ``texts``."""
    found = set()
    for text in texts:
        for run in _CAPITALISED.finditer(text or ""):
            words = run.group().split()
            for start in range(len(words)):
                for end in range(start + 2, min(start + longest, len(words)) + 1):
                    found.add(" ".join(words[start:end]))
    return found


def people_named_in(texts: Iterable[str]) -> set[str]:
    """The complainants' and children's names, anywhere in the database, that
    appear as written in ``texts``: so that someone from another case named in
    this one is marked too. One indexed lookup per table per 500 candidates."""
    names, candidates = set(), sorted(candidate_names(texts))
    for start in range(0, len(candidates), 500):
        chunk = candidates[start:start + 500]
        names.update(Complainant.objects.filter(name__in=chunk).values_list("name", flat=True))
        names.update(Child.objects.filter(name__in=chunk).values_list("name", flat=True))
    return names
