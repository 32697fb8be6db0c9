"""Refusals an adopting council met (issue #17) that the import now takes."""
from datetime import date

import pytest

from complaints.casework.models import Complainant
from complaints.transfer import sheets
from complaints.transfer.values import Invalid, Lookups


@pytest.mark.parametrize("word, relationship", [
    ("Mother", Complainant.Relationship.PARENT),
    ("dad", Complainant.Relationship.PARENT),
    ("Foster carer", Complainant.Relationship.FOSTER_CARER),
    ("Grandmother", Complainant.Relationship.OTHER_FAMILY),
])
def test_relationship_synonyms_are_read_as_the_relationship(word, relationship):
    kind = next(c.kind for s in sheets.SHEETS for c in s.columns
                if c.header == "Complainant relationship")
    assert kind.parse(word, Lookups(date(2022, 4, 1))) == relationship


@pytest.mark.django_db
def test_naming_an_independent_person_when_none_are_set_up_is_a_problem_not_a_crash():
    lookups = Lookups(date(2022, 4, 1))
    with pytest.raises(Invalid, match="'Jo Bloggs' is not an independent person.*none are set up yet"):
        sheets.APPOINTEE.parse("Jo Bloggs", lookups)
