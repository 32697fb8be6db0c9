"""The procedure's rules on who and what it covers have one home
(complaints.casework.rules): the same facts get the same verdict, in the same
words, from the routing step and from the import."""

import io
from datetime import date

import pytest

from complaints.casework import procedure, rules
from complaints.casework.models import Case
from complaints.casework.procedure import ProcedureError
from complaints.transfer.importer import import_file
from tests.transfer.conftest import case_row, child_row, point_row, xlsx

pytestmark = pytest.mark.usefixtures("frozen")

RECEIVED = date(2022, 9, 9)
SOUND = dict(procedure="statutory", eligibility="parent", child_agrees="yes", qualifying_function=True)

# The facts, each with what breaks: every rule's finding, and whether a record of a past
# decision (the import) is refused too or only a decision being made now (the routing page).
CASES = [
    ("a sound statutory decision", {}, None, False),
    ("no qualifying function", {"qualifying_function": False}, "qualifying_function", True),
    ("qualifying function not recorded", {"qualifying_function": None}, "qualifying_function", False),
    ("a complainant the regulations do not list", {"eligibility": "not_eligible"}, "eligibility", True),
    ("who is complaining not recorded", {"eligibility": ""}, "eligibility", False),
    ("sufficient interest with no decision date", {"eligibility": "sufficient_interest"},
     "sufficient_interest_on", True),
    ("whether the child agrees not recorded", {"child_agrees": ""}, "child_agrees", False),
    ("a child complaining for themselves", {"eligibility": "child", "child_agrees": ""}, None, False),
    ("aware after it was received", {"aware_on": date(2022, 9, 10)}, "aware_on", True),
    ("more than a year late with no reason", {"aware_on": date(2021, 9, 8)}, "time_limit_discretion", True),
    ("more than a year late with the discretion recorded",
     {"aware_on": date(2021, 9, 8), "time_limit_discretion": "Waited for the court."}, None, False),
    ("late under the corporate procedure too", {"procedure": "corporate", "qualifying_function": False,
                                                "aware_on": date(2021, 9, 8)}, "time_limit_discretion", True),
]
IDS = [name for name, *_ in CASES]


def _facts(change) -> rules.RoutingFacts:
    return rules.RoutingFacts(received_on=RECEIVED, **(SOUND | change))


def _the_message(change, field):
    """The one message the rules give about ``field`` for these facts."""
    return next(f.message for f in rules.which_procedure_applies(_facts(change), deciding=True)
                if f.field == field)


@pytest.mark.parametrize("name, change, field, import_refuses", CASES, ids=IDS)
def test_the_routing_step_refuses_exactly_what_the_rules_find(
        record_complaint, officer, name, change, field, import_refuses):
    case = record_complaint(received_on=RECEIVED)
    decide = dict(SOUND | change, on=date(2022, 9, 12), reason="The decision.")
    if field is None:
        procedure.route(case, **decide, by=officer)
        assert Case.objects.get(pk=case.pk).routed_on == date(2022, 9, 12)
        return
    with pytest.raises(ProcedureError) as refused:
        procedure.route(case, **decide, by=officer)
    assert str(refused.value) == _the_message(change, field)
    assert Case.objects.get(pk=case.pk).routed_on is None


def _import_row(change) -> dict:
    facts = SOUND | change
    yes_no = {True: "Yes", False: "No", None: None}
    return case_row(
        procedure=facts["procedure"].title(), who_is_complaining=facts["eligibility"] or None,
        child_agrees=facts["child_agrees"] or None,
        about_a_qualifying_function=yes_no[facts["qualifying_function"]],
        became_aware_date=facts.get("aware_on") and facts["aware_on"].isoformat(),
        why_a_late_complaint_is_considered=facts.get("time_limit_discretion"))


@pytest.mark.parametrize("name, change, field, import_refuses", CASES, ids=IDS)
def test_the_import_refuses_a_recorded_decision_the_rules_refuse_in_the_same_words(
        db, name, change, field, import_refuses):
    data = xlsx({"Cases": [_import_row(change)], "Points": [point_row()], "Children": [child_row()]})
    report = import_file(io.BytesIO(data), "records.xlsx", commit=True)
    if not import_refuses:
        assert report.committed, report.describe()
        assert Case.objects.count() == 1
        return
    assert not report.committed and not Case.objects.exists()
    assert [(p.row, p.reason) for p in report.problems] == [(2, _the_message(change, field))]


def test_the_import_names_the_column_of_a_statutory_complaint_about_no_qualifying_function(db):
    data = xlsx({"Cases": [_import_row({"qualifying_function": False})], "Points": [point_row()],
                 "Children": [child_row()]})
    report = import_file(io.BytesIO(data), "records.xlsx", commit=False)
    assert [str(p) for p in report.problems] == [
        "Row 2, 'About a qualifying function': The statutory procedure covers only the qualifying "
        "functions: choose the corporate procedure"]


@pytest.mark.parametrize("day, later", [(date(2020, 2, 29), date(2021, 2, 28)),
                                        (date(2021, 9, 8), date(2022, 9, 8))])
def test_a_year_after_is_the_same_day_or_the_28th_of_february(day, later):
    assert rules.one_year_after(day) == later


# -- Stages 2 and 3: the same verdicts from the case page's steps and from the import ----

from complaints.casework.models import Appointee, Point  # noqa: E402
from tests.transfer.conftest import stage_row  # noqa: E402

ANSWERED = {"Acknowledged date": "2022-09-12", "Acknowledged by": "Email", "Response date": "2022-09-23"}


def _answered_at_stage_one(record_complaint, officer):
    case = record_complaint(received_on=RECEIVED)
    procedure.route(case, **SOUND, on=date(2022, 9, 12), reason="The decision.", by=officer)
    procedure.acknowledge(case, on=date(2022, 9, 12), method="email", by=officer)
    procedure.respond(case, on=date(2022, 9, 23), by=officer,
                      findings={p.pk: Point.Finding.UPHELD for p in case.points.all()})
    return case


def _imported_problems(*stage_rows):
    data = xlsx({"Cases": [_import_row({})], "Points": [point_row(stage_1_finding="Upheld")],
                 "Children": [child_row()], "Stages": [stage_row(**ANSWERED), *stage_rows]})
    report = import_file(io.BytesIO(data), "records.xlsx", commit=False)
    return [p.reason for p in report.problems]


def _refusal(step, *args, **kwargs) -> str:
    with pytest.raises(ProcedureError) as refused:
        step(*args, **kwargs)
    return str(refused.value)


def test_stage_two_asked_for_before_the_stage_one_response_is_refused_in_the_same_words(
        record_complaint, officer):
    case = _answered_at_stage_one(record_complaint, officer)
    refused = _refusal(procedure.request_stage_two, case, on=date(2022, 9, 22), by=officer)
    assert refused == "Date of the Stage 2 request must be on or after the Stage 1 response (Fri 23 Sep 2022)"
    assert _imported_problems(stage_row(stage=2, date_started="2022-09-22")) == [refused]


def test_a_late_stage_two_request_without_the_reason_is_refused_in_the_same_words(
        record_complaint, officer):
    case = _answered_at_stage_one(record_complaint, officer)
    refused = _refusal(procedure.request_stage_two, case, on=date(2022, 11, 30), by=officer)
    assert refused.startswith("The request came after the deadline to ask for Stage 2 (Fri 21 Oct 2022)")
    assert _imported_problems(stage_row(stage=2, date_started="2022-11-30")) == [refused]


def test_a_council_member_as_the_independent_person_is_refused_in_the_same_words(record_complaint, officer):
    member = Appointee.objects.create(name="Cllr Jo Bloggs", council_member=True)
    case = _answered_at_stage_one(record_complaint, officer)
    procedure.request_stage_two(case, on=date(2022, 10, 3), by=officer)
    refused = _refusal(procedure.appoint_investigation, case, investigating_officer="Jordan Investigator",
                       investigator_kind="external", independent_person=member, adjudicator="", by=officer)
    assert refused == "Cllr Jo Bloggs cannot be the independent person: they are a member of the council"
    assert _imported_problems(stage_row(stage=2, date_started="2022-10-03", investigating_officer="Jordan Investigator",
                                        investigating_officer_is="External",
                                        independent_person="Cllr Jo Bloggs")) == [refused]


def test_the_stage_two_independent_person_on_the_panel_is_refused_in_the_same_words(record_complaint, officer):
    pat, robin, sam = (Appointee.objects.create(name=name) for name in ("Pat Kowalski", "Robin Hughes", "Sam Okafor"))
    case = _answered_at_stage_one(record_complaint, officer)
    procedure.request_stage_two(case, on=date(2022, 10, 3), by=officer)
    procedure.appoint_investigation(case, investigating_officer="Jordan Investigator", investigator_kind="external",
                                    independent_person=pat, adjudicator="", by=officer)
    procedure.respond(case, on=date(2022, 11, 4), by=officer,
                      findings={p.pk: Point.Finding.UPHELD for p in case.points.all()})
    procedure.request_stage_three(case, on=date(2022, 11, 10), by=officer)
    refused = _refusal(procedure.convene_panel, case, members=[pat, robin, sam], chair=robin, by=officer)
    assert refused == "Pat Kowalski was the Stage 2 independent person and cannot sit on the panel"
    assert _imported_problems(
        stage_row(stage=2, date_started="2022-10-03", investigating_officer="Jordan Investigator",
                  investigating_officer_is="External", independent_person="Pat Kowalski",
                  response_date="2022-11-04", outcome="Upheld"),
        stage_row(stage=3, date_started="2022-11-10", panel_chair="Robin Hughes",
                  other_panel_members="Pat Kowalski; Sam Okafor")) == [refused]
