"""Compliments: the words are kept; published examples name nobody ("X")."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from complaints.records.models import Compliment


def _compliment(words, staff_named):
    return Compliment(received_on=date(2023, 5, 2), given_by="parent", words=words,
                      staff_named=staff_named)


def test_a_staff_name_mid_sentence_is_replaced_with_x():
    compliment = _compliment("I want to thank Teju for listening to us.", "Teju")
    assert compliment.published_words() == "I want to thank X for listening to us."


def test_a_possessive_keeps_its_apostrophe_s():
    compliment = _compliment("Teju's patience made all the difference.", "Teju")
    assert compliment.published_words() == "X's patience made all the difference."


def test_names_are_replaced_whatever_their_case_and_every_time_they_appear():
    compliment = _compliment("TEJU called back. teju came to the house. Thank you Teju!", "Teju")
    assert compliment.published_words() == "X called back. X came to the house. Thank you X!"


def test_parts_of_other_words_are_left_alone():
    compliment = _compliment("Tejumola and Ann were kind; Annabel and the planning team too.",
                             "Teju, Ann")
    assert compliment.published_words() == (
        "Tejumola and X were kind; Annabel and the planning team too.")


def test_names_listed_with_commas_or_new_lines_and_full_names_are_all_replaced():
    compliment = _compliment(
        "Teju Adeyemi and Mr Brown helped, and Sam answered every call.",
        "Teju Adeyemi,\nMr Brown\n\nSam , Teju",
    )
    assert compliment.published_words() == "X and X helped, and X answered every call."


def test_words_with_no_staff_named_are_published_as_given():
    assert _compliment("Thank you all.", "").published_words() == "Thank you all."


def test_names_with_regular_expression_characters_are_taken_literally():
    compliment = _compliment("Thanks to J. Smith (and to JoSmith).", "J. Smith")
    assert compliment.published_words() == "Thanks to X (and to JoSmith)."


def test_the_words_are_stored_unchanged_with_the_staff_named(team):
    compliment = _compliment("Teju was brilliant.", "Teju")
    compliment.team = team
    compliment.save()
    compliment.refresh_from_db()
    assert compliment.words == "Teju was brilliant." and compliment.staff_named == "Teju"
    assert str(compliment) == "Intervention and Support Service, 2 May 2023"


def test_the_database_refuses_a_compliment_with_no_words(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        _compliment("", "").save()
