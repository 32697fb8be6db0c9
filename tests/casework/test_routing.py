"""Deciding the procedure: who may complain, about what, in time; re-routing."""

from datetime import date

import pytest

from complaints.casework import procedure
from complaints.casework.procedure import ProcedureError

pytestmark = pytest.mark.usefixtures("frozen")

STATUTORY = dict(procedure="statutory", on=date(2022, 9, 12), reason="A parent about a child in need.",
                 eligibility="parent", child_agrees="yes", qualifying_function=True)


def test_a_statutory_decision_records_who_complains_and_why(record_complaint, officer):
    case = record_complaint()
    procedure.route(case, **STATUTORY, by=officer)
    case.refresh_from_db()
    assert (case.eligibility, case.child_agrees, case.qualifying_function) == ("parent", "yes", True)
    assert case.routed_on == date(2022, 9, 12)
    assert case.procedure_reason == "A parent about a child in need."
    assert "the statutory procedure applies: A parent about a child in need." in case.timeline.first().text


@pytest.mark.parametrize("change, message", [
    ({"eligibility": ""}, "Select who is complaining"),
    ({"eligibility": "not_eligible"}, "only for the complainants the regulations list"),
    ({"qualifying_function": False}, "covers only the qualifying functions"),
    ({"qualifying_function": None}, "covers only the qualifying functions"),
    ({"eligibility": "sufficient_interest"}, "Enter the date the council decided they have sufficient interest"),
    ({"eligibility": "sufficient_interest", "sufficient_interest_on": date(2022, 9, 1)},
     "must be on or after the date received"),
    ({"child_agrees": ""}, "Select whether the child agrees"),
    ({"reason": "  "}, "Enter the reason for the decision"),
    ({"on": date(2022, 9, 8)}, "Date of the decision must be on or after the date received (Fri 9 Sep 2022)"),
])
def test_the_statutory_procedure_refuses_what_the_regulations_do_not_allow(
        record_complaint, officer, change, message):
    case = record_complaint(received_on=date(2022, 9, 9))
    with pytest.raises(ProcedureError, match=message.replace("(", r"\(").replace(")", r"\)")):
        procedure.route(case, **(STATUTORY | change), by=officer)
    case.refresh_from_db()
    assert case.eligibility == "" and case.version == 1


def test_a_child_complaining_for_themselves_is_not_asked_whether_they_agree(record_complaint, officer):
    case = record_complaint()
    procedure.route(case, **(STATUTORY | {"eligibility": "child", "child_agrees": ""}), by=officer)
    assert case.eligibility == "child"


def test_sufficient_interest_is_a_dated_decision(record_complaint, officer):
    case = record_complaint()
    procedure.route(case, **(STATUTORY | {"eligibility": "sufficient_interest",
                                          "sufficient_interest_on": date(2022, 9, 12)}), by=officer)
    case.refresh_from_db()
    assert case.sufficient_interest_on == date(2022, 9, 12)


def test_a_complaint_made_after_a_year_needs_the_discretion_recorded(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    with pytest.raises(ProcedureError, match="more than a year after Wed 8 Sep 2021"):
        procedure.route(case, **STATUTORY, aware_on=date(2021, 9, 8), by=officer)
    procedure.route(case, **STATUTORY, aware_on=date(2021, 9, 8),
                    time_limit_discretion="The child was in hospital for most of the year.", by=officer)
    assert case.time_limit_discretion == "The child was in hospital for most of the year."


def test_a_year_to_the_day_is_in_time(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.route(case, **STATUTORY, aware_on=date(2021, 9, 9), by=officer)
    assert case.aware_on == date(2021, 9, 9)


def test_becoming_aware_after_complaining_is_refused(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    with pytest.raises(ProcedureError, match="on or before the date received"):
        procedure.route(case, **STATUTORY, aware_on=date(2022, 9, 10), by=officer)


def test_rerouting_to_corporate_moves_the_clocks_and_keeps_the_reason(record_complaint, officer):
    # Statutory: Fri 9 Sep 2022 + 10 WD (skipping 19 Sep) = Mon 26 Sep.
    case = record_complaint(received_on=date(2022, 9, 9))
    stage = case.stages.get()
    assert stage.due_on == date(2022, 9, 26)
    procedure.route(case, procedure="corporate", on=date(2022, 9, 13),
                    reason="It is about an EHCP, which the statutory procedure does not cover.",
                    qualifying_function=False, by=officer)
    stage.refresh_from_db()
    # Corporate: acknowledgement due 5 WD from receipt (Fri 16 Sep); response 10 WD from
    # then, skipping the State Funeral on Mon 19 Sep.
    assert stage.acknowledge_due_on == date(2022, 9, 16)
    assert stage.due_on == date(2022, 10, 3)
    assert "corporate" in stage.due_explanation["rule"]
    text = case.timeline.first().text
    assert text.startswith("Moved from the statutory to the corporate procedure on Tue 13 Sep 2022")
    assert "EHCP" in text and "Stage 1 response now due Mon 3 Oct 2022" in text


def test_rerouting_drops_an_extension_made_under_the_old_procedure(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.extend(case, new_due=date(2022, 10, 10), kind="complex", reason="Complex.",
                     told_on=date(2022, 9, 20), by=officer)
    procedure.route(case, procedure="corporate", on=date(2022, 9, 21), reason="Not a qualifying function.",
                    by=officer)
    stage = case.stages.get()
    assert stage.extension_reason == "" and stage.due_on == date(2022, 10, 3)


def test_only_stage_one_can_be_rerouted(record_complaint, officer, later):
    case = record_complaint(received_on=date(2022, 9, 9), points=["One"])
    point = case.points.get()
    procedure.respond(case, on=date(2022, 9, 20), findings={point.pk: "upheld"}, by=officer)
    procedure.request_stage_two(case, on=date(2022, 9, 22), by=officer)
    with pytest.raises(ProcedureError, match="only be moved to the other procedure during Stage 1"):
        procedure.route(case, procedure="corporate", on=date(2022, 9, 23), reason="Wrong.", by=officer)
