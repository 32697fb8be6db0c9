"""Finding everything held about a person: as the complainant, as a child a
case is about (the date of birth telling namesakes apart), named in a case's
records, in a compliment and in members' correspondence; restricted cases only
when they are a party to them; destroyed cases never."""

from datetime import date

from django.utils import timezone

from complaints.subject_access.search import find
from tests.subject_access.conftest import ALEX_BORN


def _references(findings):
    return [f.case.reference for f in findings.cases]


def test_the_person_is_found_as_complainant_child_and_named(family):
    findings = find("Alex Taylor", ALEX_BORN, "alex@example.com")
    by_case = {f.case: f for f in findings.cases}
    assert by_case[family.complainant].as_complainant
    assert [c.name for c in by_case[family.child].children] == ["Alex Taylor"]
    assert by_case[family.child].is_party and by_case[family.child].certain
    named = by_case[family.mentioned]
    assert not named.is_party
    assert [p.where for p in named.passages] == ["Point 1"]
    assert named.reasons() == ["named in point 1"]


def test_the_date_of_birth_tells_two_children_with_the_same_name_apart(family):
    assert family.namesake not in [f.case for f in find("Alex Taylor", ALEX_BORN).cases]
    assert family.namesake in [f.case for f in find("Alex Taylor").cases]
    assert family.namesake in [f.case for f in find("Alex Taylor", date(2015, 6, 1)).cases]


def test_a_child_recorded_without_a_date_of_birth_is_only_a_possible_match(family):
    family.namesake.children.update(date_of_birth=None)
    finding = next(f for f in find("Alex Taylor", ALEX_BORN).cases if f.case == family.namesake)
    assert not finding.certain
    assert finding.reasons() == ["possibly a child the case is about (no date of birth recorded)"]


def test_names_match_whatever_their_capitals_and_spacing_but_only_as_whole_words(family, record_complaint):
    record_complaint(complainant="Alexandra Taylor-Smith", child="Kit Smith",
                     summary="Alex Taylors of this world")
    assert set(_references(find("  alex   TAYLOR "))) == set(_references(find("Alex Taylor")))
    assert "COM-2022-0007" not in _references(find("Alex Taylor"))


def test_the_complainant_is_found_by_email_address(family, record_complaint):
    other = record_complaint(complainant="A. Taylor", child="")
    other.complainant.email = "ALEX@example.com"
    other.complainant.save()
    assert other in [f.case for f in find("Alex Taylor", email="alex@example.com").cases]
    assert other not in [f.case for f in find("Alex Taylor").cases]


def test_a_compliment_and_members_correspondence_naming_them_are_found(family):
    findings = find("Alex Taylor", ALEX_BORN)
    assert [f.record for f in findings.compliments] == [family.compliment]
    assert findings.compliments[0].reasons() == ["named in what was said"]
    assert [f.record for f in findings.enquiries] == [family.enquiry]


def test_staff_named_in_a_compliment_find_it(family):
    (finding,) = find("jo bloggs").compliments
    assert finding.record == family.compliment
    assert finding.reasons() == ["named in what was said", "named as a member of staff"]


def test_a_restricted_case_is_found_only_when_they_are_a_party_to_it(family):
    findings = find("Alex Taylor", ALEX_BORN)
    cases = [f.case for f in findings.cases]
    assert family.restricted_party in cases
    assert family.restricted_mention not in cases
    # Nor the members' correspondence about it.
    assert family.hidden_enquiry not in [f.record for f in findings.enquiries]


def test_a_destroyed_case_is_not_searched(family):
    family.child.destroyed_at = timezone.now()
    family.child.save()
    assert family.child not in [f.case for f in find("Alex Taylor", ALEX_BORN).cases]


def test_nothing_found_is_an_empty_finding(db):
    findings = find("Nobody Atall")
    assert len(findings) == 0 and findings.keys() == []


def test_findings_narrow_to_what_was_chosen_and_nothing_else(family):
    findings = find("Alex Taylor", ALEX_BORN)
    key = next(f.key for f in findings.cases if f.case == family.child)
    chosen = findings.only([key, f"case-{family.restricted_mention.pk}", "compliment-999"])
    assert [f.case for f in chosen.cases] == [family.child]
    assert chosen.compliments == [] and chosen.enquiries == []
