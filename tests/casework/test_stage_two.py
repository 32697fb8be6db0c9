"""Stage 2: the request and its window, resolution without investigation,
the investigation's people, the 25 to 65 working-day clock, adjudication."""

from datetime import date

import pytest

from complaints.casework import procedure
from complaints.casework.models import Case
from complaints.casework.procedure import ProcedureError


def _findings(case, *values):
    return dict(zip(case.points.values_list("pk", flat=True), values))


def _investigate(case, officer, appointees, **kwargs):
    return procedure.appoint_investigation(
        case, investigating_officer="Chris External", investigator_kind="external",
        independent_person=appointees["Pat Independent"], adjudicator="Dana Director", by=officer, **kwargs)


def test_a_request_reopens_the_case_at_stage_two_due_25_working_days_later(answered, officer):
    stage = procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    answered.refresh_from_db()
    assert (answered.status, answered.current_stage, answered.outcome) == ("open", 2, "")
    assert stage.due_on == date(2022, 11, 14)
    assert stage.acknowledge_due_on is None
    assert "Stage 2 response (statutory): 25 working days from the Stage 2 request" in stage.due_date_explained()
    assert answered.timeline.first().text == "Stage 2 opened. Response due Mon 14 Nov 2022."


def test_a_request_before_the_stage_one_response_is_refused(record_complaint, officer, later):
    case = record_complaint(received_on=date(2022, 9, 9))
    with pytest.raises(ProcedureError, match="only after the Stage 1 response"):
        procedure.request_stage_two(case, on=date(2022, 9, 20), by=officer)


def test_a_request_dated_before_the_response_is_refused(answered, officer):
    with pytest.raises(ProcedureError, match=r"on or after the Stage 1 response \(Tue 4 Oct 2022\)"):
        procedure.request_stage_two(answered, on=date(2022, 10, 3), by=officer)


def test_a_request_after_the_20_working_day_window_needs_a_decision(answered, officer):
    # 20 WD from Tue 4 Oct 2022 is Tue 1 Nov 2022.
    procedure.request_stage_two(answered, on=date(2022, 11, 1), by=officer).delete()
    with pytest.raises(ProcedureError, match=r"after the deadline to ask for Stage 2 \(Tue 1 Nov 2022\)"):
        procedure.request_stage_two(answered, on=date(2022, 11, 2), by=officer)
    stage = procedure.request_stage_two(answered, on=date(2022, 11, 2),
                                        late_decision="The complainant was in hospital.", by=officer)
    assert stage.late_request_decision == "The complainant was in hospital."


def test_a_second_request_is_refused(answered, officer):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    with pytest.raises(ProcedureError, match="already been requested"):
        procedure.request_stage_two(answered, on=date(2022, 10, 11), by=officer)


def test_a_request_resolved_by_meeting_without_investigation_is_counted(answered, officer):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    procedure.resolve(answered, on=date(2022, 10, 20), how="Met the family with the service manager.", by=officer)
    stage = answered.stages.get(number=2)
    assert stage.resolved_without_investigation and stage.outcome == "resolved"
    assert answered.stages.get(number=1).outcome == "partial"
    assert answered.timeline.first().text.startswith("Stage 2 request resolved on Thu 20 Oct 2022 without an investigation")


@pytest.mark.parametrize("who, why", [
    ("councillor", "a member of the council"),
    ("officer", "an officer of the council"),
    ("spouse", "the spouse or civil partner of a council member or officer"),
])
def test_an_independent_person_who_is_not_independent_is_refused(answered, officer, appointees, who, why):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    person = appointees[who]
    with pytest.raises(ProcedureError, match=f"{person} cannot be the independent person: they are {why}"):
        procedure.appoint_investigation(
            answered, investigating_officer="Chris External", investigator_kind="external",
            independent_person=person, adjudicator="", by=officer)
    assert answered.stages.get(number=2).investigating_officer == ""


def test_the_statutory_procedure_needs_an_independent_person(answered, officer):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    with pytest.raises(ProcedureError, match="Select the independent person"):
        procedure.appoint_investigation(answered, investigating_officer="Chris", investigator_kind="internal",
                                        independent_person=None, adjudicator="", by=officer)


def test_extension_to_at_most_65_working_days_from_the_request(answered, officer, appointees):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    # 65 WD from Mon 10 Oct 2022 is Thu 12 Jan 2023.
    with pytest.raises(ProcedureError, match="at most 65 working days from the Stage 2 request, not 66"):
        procedure.extend(answered, new_due=date(2023, 1, 13), kind="complex", reason="Witnesses away.",
                         told_on=date(2022, 11, 7), by=officer)
    stage = procedure.extend(answered, new_due=date(2023, 1, 12), kind="complex", reason="Witnesses away.",
                             told_on=date(2022, 11, 7), by=officer)
    assert stage.due_on == date(2023, 1, 12)
    assert "extended from 25; the maximum is 65" in stage.due_date_explained()


def test_statement_agreed_is_kept_but_the_clock_runs_from_the_request(answered, officer):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    stage = procedure.record_statement_agreed(answered, on=date(2022, 10, 24), by=officer)
    assert stage.statement_agreed_on == date(2022, 10, 24)
    assert stage.due_on == date(2022, 11, 14)


def test_adjudication_records_findings_and_the_stage_two_outcome(answered, officer, appointees):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    with pytest.raises(ProcedureError, match="Appoint the investigating officer"):
        procedure.respond(answered, on=date(2022, 11, 25), findings=_findings(answered, "upheld", "upheld"),
                          by=officer)
    _investigate(answered, officer, appointees)
    procedure.respond(answered, on=date(2022, 11, 25), findings=_findings(answered, "upheld", "upheld"),
                      by=officer)
    answered.refresh_from_db()
    stage = answered.stages.get(number=2)
    assert (stage.responded_on, stage.outcome) == (date(2022, 11, 25), "upheld")
    assert (answered.status, answered.outcome) == ("closed", "upheld")
    assert list(answered.points.values_list("stage1_finding", "stage2_finding")) == [
        ("upheld", "upheld"), ("not_upheld", "upheld")]
    assert "after the due date Mon 14 Nov 2022" in answered.timeline.first().text


def test_a_corporate_stage_two_counts_from_its_acknowledgement(record_complaint, officer, later):
    case = record_complaint(received_on=date(2022, 9, 9), procedure="corporate")
    procedure.acknowledge(case, on=date(2022, 9, 12), method="email", by=officer)
    procedure.respond(case, on=date(2022, 9, 23), findings=_findings(case, "not_upheld"), by=officer)
    stage = procedure.request_stage_two(case, on=date(2022, 12, 1), by=officer)  # no window to ask
    # Acknowledgement 5 WD from Thu 1 Dec: Thu 8 Dec; response 20 WD from then (Christmas skipped).
    assert stage.acknowledge_due_on == date(2022, 12, 8)
    assert stage.due_on == date(2023, 1, 10)
    stage = procedure.acknowledge(case, on=date(2022, 12, 2), method="letter", by=officer)
    assert stage.due_on == date(2023, 1, 4)
    procedure.appoint_investigation(case, investigating_officer="Head of Service", investigator_kind="internal",
                                    independent_person=None, adjudicator="", by=officer)
    procedure.respond(case, on=date(2023, 1, 3), findings=_findings(case, "partial"), by=officer)
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "partial")
    with pytest.raises(ProcedureError, match="Only the statutory procedure has a Stage 3"):
        procedure.request_stage_three(case, on=date(2023, 1, 4), by=officer)


def test_stage_two_withdrawal_closes_the_case_and_the_stage(answered, officer):
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    procedure.withdraw(answered, on=date(2022, 10, 12), reason="Happy with the apology.", by=officer)
    assert Case.objects.get(pk=answered.pk).outcome == "withdrawn"
    assert answered.stages.get(number=2).outcome == "withdrawn"


def test_each_stage_keeps_the_working_days_it_took(answered, officer, appointees):
    # Fri 9 Sep to Tue 4 Oct 2022: 16 working days (Mon 19 Sep, the State Funeral, is not one).
    assert answered.stages.get(number=1).working_days_taken == 16
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    procedure.withdraw(answered, on=date(2022, 10, 12), reason="Happy with the apology.", by=officer)
    assert answered.stages.get(number=2).working_days_taken == 2
