"""Importing stages: due dates worked out as the procedure works them out,
the procedure's rules checked, and the case settled from its last stage."""

from datetime import date

import pytest

from complaints.casework import procedure, services
from complaints.casework.models import Appointee, Case, PanelMember, Stage
from tests.transfer.conftest import case_row, messages, point_row, stage_row, xlsx

ANSWERED = {"Acknowledged date": "2022-09-12", "Acknowledged by": "Email", "Response date": "2022-09-23"}


def stages(*rows, points=None, case=None):
    return xlsx({"Cases": [case or case_row()], "Points": points or [point_row(stage_1_finding="Upheld")],
                 "Stages": list(rows)})


@pytest.fixture
def people(db):
    return [Appointee.objects.create(name=name) for name in ("Pat Kowalski", "Robin Hughes", "Sam Okafor",
                                                              "Alex Novak")]


def test_an_extension_is_stored_as_extending_it_through_the_procedure_stores_it(import_records, record_complaint):
    recorded = record_complaint(received_on=date(2022, 9, 9))
    stage = recorded.stages.get()
    cal = services.calendar("statutory")
    procedure.extend(recorded, new_due=cal.add_working_days(stage.due_on, 5), kind="complex",
                     reason="Several teams involved.", told_on=date(2022, 9, 20), by=None)
    stage.refresh_from_db()
    report = import_records(stages(stage_row(case_reference="COM-2022-0900", extended_by_working_days=5,
                                             why_it_was_extended="complex",
                                             extension_reason="Several teams involved.",
                                             complainant_told_of_extension="2022-09-20"),
                                   case=case_row(case_reference="COM-2022-0900"),
                                   points=[point_row(case_reference="COM-2022-0900")]))
    assert report.committed, report.describe()
    imported = Stage.objects.get(case__reference="COM-2022-0900")
    assert imported.due_on == stage.due_on == date(2022, 10, 3)
    assert imported.due_explanation == stage.due_explanation
    assert (imported.extension_kind, imported.extension_told_on) == ("complex", date(2022, 9, 20))


def test_an_extension_past_the_maximum_is_a_problem(import_records):
    report = import_records(stages(stage_row(extended_by_working_days=11, extension_reason="Complex.")))
    assert messages(report) == ["Stages: Row 2, 'Extended by (working days)': Stage 1 response (statutory) can "
                                "be extended to at most 20 working days from receipt, not 21."]


def test_an_answered_stage_closes_the_case_with_the_outcome_its_points_give(import_records):
    report = import_records(stages(stage_row(**ANSWERED), points=[
        point_row(stage_1_finding="Upheld"), point_row(point_number=2, stage_1_finding="Not upheld")]))
    assert report.committed, report.describe()
    case = Case.objects.get()
    stage = case.stages.get()
    assert stage.outcome == "partial" and stage.working_days_taken == 9
    assert (case.status, case.outcome, case.closed_on) == ("closed", "partial", date(2022, 9, 23))


def test_an_outcome_the_findings_contradict_is_a_problem(import_records):
    report = import_records(stages(stage_row(**ANSWERED, outcome="Not upheld")))
    assert messages(report) == ["Stages: Row 2, 'Outcome': 'Not upheld' does not follow from the points' "
                                "Stage 1 findings: they make it 'Upheld'"]


def test_an_answered_stage_without_findings_needs_its_outcome(import_records):
    report = import_records(stages(stage_row(**ANSWERED), points=[point_row()]))
    assert messages(report) == ["Stages: Row 2, 'Outcome': give the outcome, or a Stage 1 finding for every point"]


def test_a_response_date_before_the_receipt_date_is_a_problem(import_records):
    report = import_records(stages(stage_row(response_date="2022-09-08")))
    assert messages(report) == ["Stages: Row 2, 'Response date': 08/09/2022 is before the stage started, "
                                "09/09/2022"]
    assert not Case.objects.exists()


def test_a_stage_two_before_stage_one_was_answered_is_a_problem(import_records):
    report = import_records(stages(stage_row(), stage_row(stage=2, date_started="2022-09-30")))
    # The procedure's words (complaints.casework.rules), as on the case page.
    assert messages(report) == ["Stages: Row 3, 'Stage': Stage 2 can be requested only after the Stage 1 response"]


def test_a_case_listing_stage_two_before_stage_one_is_a_problem(import_records):
    report = import_records(stages(stage_row(stage=2, date_started="2022-09-30"), stage_row(**ANSWERED)))
    assert messages(report)[0] == ("Stages: Row 2, 'Stage': Stage 2 comes before Stage 1: list a case's stages "
                                   "in order, after the stage before")


def test_a_stage_two_asked_for_before_the_stage_one_response_is_a_problem(import_records):
    report = import_records(stages(stage_row(**ANSWERED), stage_row(stage=2, date_started="2022-09-22")))
    assert messages(report) == ["Stages: Row 3, 'Date started': Date of the Stage 2 request must be on or after "
                                "the Stage 1 response (Fri 23 Sep 2022)"]


def test_a_late_stage_two_request_needs_the_decision_to_accept_it(import_records):
    late = stage_row(stage=2, date_started="2022-11-30")
    report = import_records(stages(stage_row(**ANSWERED), late))
    assert messages(report) == ["Stages: Row 3, 'Why a late request was accepted': The request came after the "
                                "deadline to ask for Stage 2 (Fri 21 Oct 2022): record why it is being accepted"]
    late["Why a late request was accepted"] = "The family were abroad."
    assert import_records(stages(stage_row(**ANSWERED), late)).committed


def test_stage_two_is_due_25_working_days_from_the_request_and_reopens_the_case(import_records):
    report = import_records(stages(stage_row(**ANSWERED), stage_row(stage=2, date_started="2022-10-03")))
    assert report.committed, report.describe()
    case = Case.objects.get()
    two = case.stages.get(number=2)
    assert two.due_on == date(2022, 11, 7) and two.acknowledge_due_on is None
    assert (case.status, case.current_stage, case.outcome, case.closed_on) == ("open", 2, "", None)


def test_a_statutory_adjudication_needs_its_investigating_officer_and_independent_person(import_records):
    report = import_records(stages(stage_row(**ANSWERED), stage_row(
        stage=2, date_started="2022-10-03", response_date="2022-11-01", outcome="Upheld")))
    assert messages(report) == [
        "Stages: Row 3, 'Investigating officer': Appoint the investigating officer before recording the "
        "adjudication",
        "Stages: Row 3, 'Independent person': Appoint the independent person before recording the adjudication",
    ]


def test_stage_three_is_for_the_statutory_procedure_only(import_records):
    report = import_records(stages(stage_row(**ANSWERED), stage_row(stage=3, date_started="2022-10-03"),
                                   case=case_row(procedure="Corporate")))
    assert "Stages: Row 3, 'Stage': Only the statutory procedure has a Stage 3 review panel" in messages(report)


def test_a_whole_statutory_complaint_imports_with_its_panel(import_records, people):
    pat, robin, sam, alex = people
    report = import_records(stages(
        stage_row(**ANSWERED),
        stage_row(stage=2, date_started="2022-10-03", investigating_officer="Jordan Investigator",
                  investigating_officer_is="External", independent_person="pat kowalski",
                  response_date="2022-11-04"),
        stage_row(stage=3, date_started="2022-11-10", panel_chair="Robin Hughes",
                  other_panel_members="Sam Okafor; Alex Novak", panel_met_date="2022-12-15",
                  panel_report_date="2022-12-20", response_date="2023-01-10"),
        points=[point_row(stage_1_finding="Upheld", stage_2_finding="Upheld", stage_3_finding="upheld")]))
    assert report.committed, report.describe()
    three = Stage.objects.get(number=3)
    assert three.panel_due_on == date(2022, 12, 22) and three.report_due_on == date(2022, 12, 22)
    assert three.due_on == date(2023, 1, 13)
    assert set(PanelMember.objects.values_list("appointee__name", "chair")) == {
        ("Robin Hughes", True), ("Sam Okafor", False), ("Alex Novak", False)}
    case = Case.objects.get()
    assert (case.status, case.current_stage, case.outcome) == ("closed", 3, "upheld")


def test_the_stage_two_independent_person_cannot_sit_on_the_panel(import_records, people):
    report = import_records(stages(
        stage_row(**ANSWERED),
        stage_row(stage=2, date_started="2022-10-03", investigating_officer="Jordan Investigator",
                  investigating_officer_is="External", independent_person="Pat Kowalski",
                  response_date="2022-11-04"),
        stage_row(stage=3, date_started="2022-11-10", panel_chair="Pat Kowalski",
                  other_panel_members="Sam Okafor; Alex Novak"),
        points=[point_row(stage_1_finding="Upheld", stage_2_finding="Upheld")]))
    assert messages(report) == ["Stages: Row 4, 'Other panel members': Pat Kowalski was the Stage 2 independent "
                                "person and cannot sit on the panel"]


def test_a_council_member_cannot_be_the_independent_person(import_records, people):
    Appointee.objects.create(name="Cllr Jo Bloggs", council_member=True)
    report = import_records(stages(
        stage_row(**ANSWERED),
        stage_row(stage=2, date_started="2022-10-03", independent_person="Cllr Jo Bloggs")))
    assert messages(report) == ["Stages: Row 3, 'Independent person': Cllr Jo Bloggs cannot be the independent "
                                "person: they are a member of the council"]


def test_a_withdrawn_stage_closes_the_case_as_withdrawn(import_records):
    report = import_records(stages(stage_row(closed_without_response_date="2022-09-15", outcome="Withdrawn")))
    assert report.committed, report.describe()
    case = Case.objects.get()
    assert (case.status, case.outcome, case.closed_on) == ("closed", "withdrawn", date(2022, 9, 15))
    assert case.stages.get().working_days_taken == 4


def test_a_stage_two_column_on_stage_one_is_a_problem(import_records):
    report = import_records(stages(stage_row(investigating_officer="Jordan Investigator")))
    assert messages(report) == ["Stages: Row 2, 'Investigating officer': only Stage 2 has this"]


def test_a_statutory_stage_two_has_no_acknowledgement(import_records):
    report = import_records(stages(stage_row(**ANSWERED), stage_row(stage=2, date_started="2022-10-03",
                                                                    acknowledged_date="2022-10-04")))
    assert messages(report) == ["Stages: Row 3, 'Acknowledged date': Statutory Stage 2 has no acknowledgement"]


def test_a_corporate_response_is_due_ten_working_days_after_the_acknowledgement(import_records):
    report = import_records(stages(stage_row(acknowledged_date="2022-09-15"),
                                   case=case_row(procedure="Corporate")))
    assert report.committed, report.describe()
    stage = Stage.objects.get()
    assert stage.acknowledge_due_on == date(2022, 9, 16) and stage.due_on == date(2022, 9, 30)
