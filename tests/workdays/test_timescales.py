"""Each procedure's timescales, and due dates computed from them."""

from datetime import date

import pytest

from complaints.workdays import (
    PROCEDURES,
    corporate_calendar,
    due,
    statutory_calendar,
    timescale,
)

STATUTORY = statutory_calendar()
CORPORATE = corporate_calendar()


def test_a_statutory_stage_1_response_is_due_10_working_days_from_receipt():
    result = due(STATUTORY, timescale("statutory", "stage1_response"), date(2022, 12, 16))
    assert result.due == date(2023, 1, 4)
    assert result.rule == "Stage 1 response (statutory): 10 working days from receipt"
    assert result.procedure == "statutory"


def test_an_extended_stage_1_response_says_it_was_extended_and_the_maximum():
    result = due(STATUTORY, timescale("statutory", "stage1_response"), date(2022, 12, 16), days=20)
    assert result.due == date(2023, 1, 18)
    assert "20 working days from receipt (extended from 10; the maximum is 20)" in result.rule


def test_extending_stage_1_past_20_working_days_is_refused_naming_the_maximum():
    with pytest.raises(ValueError, match="at most 20 working days from receipt"):
        due(STATUTORY, timescale("statutory", "stage1_response"), date(2022, 12, 16), days=21)


def test_extending_stage_2_past_65_working_days_is_refused_naming_the_maximum():
    with pytest.raises(ValueError, match="at most 65 working days"):
        due(STATUTORY, timescale("statutory", "stage2_response"), date(2023, 5, 2), days=66)


def test_a_negative_number_of_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        due(STATUTORY, timescale("statutory", "acknowledge"), date(2023, 5, 2), days=-1)


def test_a_stage_2_response_is_due_25_working_days_from_the_request():
    result = due(STATUTORY, timescale("statutory", "stage2_response"), date(2023, 5, 2))
    assert result.due == date(2023, 6, 8)
    assert result.rule == "Stage 2 response (statutory): 25 working days from the Stage 2 request"
    assert result.text().startswith("Stage 2 requested Tue 2 May 2023.")


def test_a_stage_2_response_may_be_extended_to_65_working_days():
    result = due(STATUTORY, timescale("statutory", "stage2_response"), date(2023, 5, 2), days=65)
    assert result.due == STATUTORY.add_working_days(date(2023, 5, 2), 65)


def test_the_statutory_acknowledgement_takes_the_councils_setting():
    step = timescale("statutory", "acknowledge")
    assert due(STATUTORY, step, date(2022, 12, 16)).due == date(2022, 12, 21)
    assert due(STATUTORY, step, date(2022, 12, 16), days=2).due == date(2022, 12, 20)


def test_a_corporate_stage_1_response_is_counted_from_the_acknowledgement():
    acknowledged = due(CORPORATE, timescale("corporate", "acknowledge"), date(2022, 12, 16))
    assert acknowledged.due == date(2022, 12, 23)
    response = due(CORPORATE, timescale("corporate", "stage1_response"), acknowledged.due)
    assert response.due == date(2023, 1, 11)
    assert response.rule == "Stage 1 response (corporate): 10 working days from acknowledgement"
    assert response.text().startswith("Acknowledged Fri 23 Dec 2022.")


def test_a_corporate_stage_1_response_may_be_extended_by_10_working_days_but_no_more():
    step = timescale("corporate", "stage1_response")
    assert due(CORPORATE, step, date(2022, 12, 23), days=20).due == date(2023, 1, 25)
    with pytest.raises(ValueError, match="at most 20 working days from acknowledgement"):
        due(CORPORATE, step, date(2022, 12, 23), days=21)


def test_a_corporate_stage_2_response_is_due_20_working_days_after_its_acknowledgement():
    requested = date(2023, 5, 2)
    acknowledged = due(CORPORATE, timescale("corporate", "stage2_acknowledge"), requested)
    assert acknowledged.due == date(2023, 5, 10)
    response = due(CORPORATE, timescale("corporate", "stage2_response"), acknowledged.due)
    assert response.due == date(2023, 6, 8)


def test_corporate_timescales_skip_local_closure_days():
    calendar = corporate_calendar(closures={date(2022, 12, 28): "Christmas shutdown"})
    result = due(calendar, timescale("corporate", "acknowledge"), date(2022, 12, 23))
    assert result.due == date(2023, 1, 5)
    assert due(CORPORATE, timescale("corporate", "acknowledge"), date(2022, 12, 23)).due == (
        date(2023, 1, 4)
    )


@pytest.mark.parametrize(
    ("key", "days", "start", "expected"),
    [
        ("stage2_request", 20, date(2023, 5, 2), date(2023, 6, 1)),
        ("stage3_request", 20, date(2023, 5, 2), date(2023, 6, 1)),
        ("panel", 30, date(2023, 5, 2), date(2023, 6, 15)),
        ("panel_report", 5, date(2023, 5, 2), date(2023, 5, 10)),
        ("panel_response", 15, date(2023, 5, 2), date(2023, 5, 24)),
    ],
)
def test_the_later_statutory_steps_have_their_regulation_and_guidance_timescales(
    key, days, start, expected
):
    step = timescale("statutory", key)
    assert step.days == days
    assert due(STATUTORY, step, start).due == expected


def test_a_members_enquiry_takes_its_target_as_a_number_of_corporate_working_days():
    step = timescale("members", "response")
    assert step.days == 10
    assert due(CORPORATE, step, date(2022, 12, 16)).due == date(2023, 1, 4)
    assert due(CORPORATE, step, date(2022, 12, 16), days=15).due == date(2023, 1, 11)


def test_a_statutory_timescale_is_not_counted_on_the_corporate_calendar():
    with pytest.raises(ValueError, match="statutory working days"):
        due(CORPORATE, timescale("statutory", "stage1_response"), date(2022, 12, 16))


def test_an_unknown_step_is_a_key_error_naming_the_known_steps():
    with pytest.raises(KeyError, match="stage1_response"):
        timescale("corporate", "panel")


def test_every_step_is_filed_under_its_own_procedure_and_key():
    for name, procedure in PROCEDURES.items():
        for key, step in procedure.steps.items():
            assert (step.procedure, step.key) == (name, key)
            assert step.max_days is None or step.max_days >= step.days
