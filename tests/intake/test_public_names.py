"""Every name the public forms ask for (the complainant's, each child's, a
young person's own, the staff named in a compliment) is cleaned one way
(forms.clean_person_name): characters that show nothing are taken out, so a
name made only of them is missing; a name with a bidirectional control, which
would make it show as something else, is refused."""

import pytest

from complaints.casework.models import Case
from complaints.intake.forms import clean_person_name
from tests.intake.answers import (
    answer,
    complaint_answers,
    compliment_answers,
    fill,
    send,
    step_url,
    young_person_answers,
)

ZERO_WIDTH_SPACE = "\u200b"
# Each name field: (journey, page, field, the page's other answers, the "Enter…"
# message, the hidden-characters message).
NAME_FIELDS = [
    ("complaint", "about-you", "name", {"relationship": "parent"},
     "Enter your full name", "Your full name must not include hidden characters"),
    ("complaint", "children", "child_1_name", {},
     "Enter the child’s full name", "The child’s full name must not include hidden characters"),
    ("young-people", "name", "name", {}, "Tell us your name",
     "Your name must not include hidden characters"),
]
EACH_NAME_FIELD = pytest.mark.parametrize(
    ("journey", "step", "field", "other", "missing", "hidden"), NAME_FIELDS,
    ids=[f"{f[0]}-{f[2]}" for f in NAME_FIELDS])
INVISIBLE = [ZERO_WIDTH_SPACE, "\u200b\u200c\u200d", "\u2060\ufeff", "\u00ad", "\u200e\u200f",
             "\u3164", "\u2800", " \u200b "]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def _before(client, journey, step):
    answers = {"complaint": complaint_answers, "young-people": young_person_answers,
               "compliment": compliment_answers}[journey]()
    steps = list(answers)
    answer(client, journey, {s: answers[s] for s in steps[:steps.index(step)]})


def _post_name(client, journey, step, field, name, other):
    _before(client, journey, step)
    return client.post(step_url(journey, step), {field: name, **other})


@EACH_NAME_FIELD
@pytest.mark.parametrize("name", INVISIBLE, ids=[f"U+{ord(n.strip()[0]):04X}" for n in INVISIBLE])
def test_a_name_of_only_invisible_characters_is_missing(client, db, journey, step, field, other,
                                                       missing, hidden, name):
    response = _post_name(client, journey, step, field, name, other)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [missing]
    assert "There is a problem" in response.content.decode()


@EACH_NAME_FIELD
@pytest.mark.parametrize("control", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_name_with_a_bidirectional_control_is_refused(client, db, journey, step, field, other,
                                                       missing, hidden, control):
    response = _post_name(client, journey, step, field, f"Sam {control}rolyaT", other)

    assert response.context["form"].errors[field] == [hidden]


def test_a_later_childs_name_is_checked_too(client, db):
    _before(client, "complaint", "children")
    children = client.post(step_url("complaint", "children"), {
        "child_1_name": "Alex Taylor", "child_2_name": "\u2067Jo", "child_3_name": ZERO_WIDTH_SPACE})

    assert children.context["form"].errors == {
        "child_2_name": ["The child’s full name must not include hidden characters"]}


def test_names_are_recorded_without_their_invisible_characters(client, on_friday_16_december_2022):
    fill(client, "complaint", complaint_answers(**{
        "about-you": {"name": "\u200bSam\u2060 Taylor\ufeff", "relationship": "parent"},
        "children": {"child_1_name": "Alex\u00ad Taylor", "child_2_name": "\u200b"},
    }))
    send(client, "complaint")

    case = Case.objects.get()
    assert case.complainant.name == "Sam Taylor"
    assert [child.name for child in case.children.all()] == ["Alex Taylor"]


@pytest.mark.parametrize(("typed", "kept"), [
    ("Mehr\u200cnoosh", "Mehr\u200cnoosh"),  # a zero-width non-joiner spells a Persian name
    ("  Sam  Taylor ", "Sam  Taylor"),
    ("Zoë O’Neill-Smith", "Zoë O’Neill-Smith"),
    ("\u200dSam\u200d", "Sam"),
    ("\u200c", ""),
])
def test_joiners_some_names_need_are_kept_between_letters(typed, kept):
    assert clean_person_name(typed) == kept
