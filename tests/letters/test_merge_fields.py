"""The fixed set of merge fields: a value, or the reason this case has none yet."""

from datetime import date

import pytest

from complaints.letters import fields
from complaints.letters.defaults import default_template
from complaints.letters.models import Kind
from complaints.letters.services import check_template


def _values(case):
    return fields.values(case, today=date(2023, 1, 4), ombudsman_text="words")


def test_every_field_has_a_value_or_a_reason(record_complaint):
    values = _values(record_complaint(received_on=date(2022, 12, 16)))
    assert set(values) == set(fields.FIELDS)
    assert all(isinstance(v, str | fields.Missing) for v in values.values())


def test_dates_are_written_out_in_full(record_complaint):
    values = _values(record_complaint(received_on=date(2022, 12, 16)))
    assert values["today"] == "Wednesday 4 January 2023"
    assert values["received_on"] == "Friday 16 December 2022"
    assert values["stage1.due_on"] == values["stage.due_on"] == "Wednesday 4 January 2023"
    assert values["stage1.due_explanation"].endswith("Due Wed 4 Jan 2023.")


def test_facts_the_case_does_not_have_yet_give_their_reason(record_complaint):
    values = _values(record_complaint(received_on=date(2022, 12, 16), child=None))
    assert values["officer.name"] == fields.Missing("no officer is allocated")
    assert values["children.names"] == fields.Missing("no children are recorded")
    assert values["stage2.due_on"] == fields.Missing("the case has no Stage 2 yet")
    assert values["stage1.responded_on"] == fields.Missing("Stage 1 has not been answered")
    assert values["extension.reason"] == fields.Missing("Stage 1 has not been extended")


def test_a_blank_address_is_allowed_for_letters_sent_by_email(record_complaint):
    assert _values(record_complaint())["complainant.address"] == ""


def test_the_people_are_named(record_complaint, personas):
    values = _values(record_complaint(officer=personas["officer"]))
    assert values["complainant.name"] == "Sam Taylor"
    assert values["children.names"] == "Alex Taylor"
    assert values["officer.name"] == "Officer Persona"
    assert values["points"] == "1. Calls not returned"


def test_the_next_step_follows_the_procedure(record_complaint):
    statutory = _values(record_complaint())
    corporate = _values(record_complaint(procedure="corporate"))
    assert "investigated independently at Stage 2" in statutory["stage1.next_step"]
    assert "Stage 2 of our complaints procedure" in corporate["stage1.next_step"]


@pytest.mark.parametrize("kind", list(Kind))
def test_every_built_in_template_uses_only_known_fields(kind):
    check_template(kind, default_template(kind))
