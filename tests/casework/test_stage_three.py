"""Stage 3: the request, the review panel of three with a chair (not the Stage 2
independent person), the meeting within 30 WD, the report within 5 and the
council's response within 15."""

from datetime import date

import pytest

from complaints.casework import procedure
from complaints.casework.procedure import ProcedureError


@pytest.fixture
def adjudicated(answered, officer, appointees):
    """Stage 2 requested Mon 10 Oct 2022, adjudicated Fri 25 Nov 2022."""
    procedure.request_stage_two(answered, on=date(2022, 10, 10), by=officer)
    procedure.appoint_investigation(
        answered, investigating_officer="Chris External", investigator_kind="external",
        independent_person=appointees["Pat Independent"], adjudicator="Dana Director", by=officer)
    findings = dict(zip(answered.points.values_list("pk", flat=True), ["upheld", "not_upheld"]))
    procedure.respond(answered, on=date(2022, 11, 25), findings=findings, by=officer)
    return answered


def _panel(appointees):
    return [appointees["Robin Reviewer"], appointees["Sam Chair"], appointees["Alex Panellist"]]


def test_the_panel_is_due_within_30_working_days_of_the_request(adjudicated, officer):
    stage = procedure.request_stage_three(adjudicated, on=date(2022, 12, 1), by=officer)
    assert stage.panel_due_on == stage.due_on == date(2023, 1, 17)
    assert "Review panel meeting (statutory): 30 working days from the Stage 3 request" in stage.panel_due_explained()
    assert adjudicated.timeline.first().text == "Stage 3 opened. Panel meeting due Tue 17 Jan 2023."


def test_a_request_after_20_working_days_from_the_adjudication_needs_a_decision(adjudicated, officer):
    # 20 WD from Fri 25 Nov 2022 is Fri 23 Dec 2022.
    with pytest.raises(ProcedureError, match=r"deadline to ask for Stage 3 \(Fri 23 Dec 2022\)"):
        procedure.request_stage_three(adjudicated, on=date(2022, 12, 28), by=officer)


def test_stage_three_needs_an_adjudication(answered, officer):
    with pytest.raises(ProcedureError, match="only after the Stage 2 adjudication"):
        procedure.request_stage_three(answered, on=date(2022, 10, 10), by=officer)


@pytest.mark.parametrize("change, message", [
    (lambda people, a: people[:2], "Select three panel members"),
    (lambda people, a: people[:2] + [a["Pat Independent"]], "was the Stage 2 independent person and cannot sit"),
    (lambda people, a: people[:2] + [a["councillor"]], "cannot sit on the panel: they are a member"),
])
def test_panel_refusals(adjudicated, officer, appointees, change, message):
    procedure.request_stage_three(adjudicated, on=date(2022, 12, 1), by=officer)
    members = change(_panel(appointees), appointees)
    with pytest.raises(ProcedureError, match=message):
        procedure.convene_panel(adjudicated, members=members, chair=members[0], by=officer)
    assert not adjudicated.stages.get(number=3).panel.exists()


def test_the_chair_must_be_on_the_panel(adjudicated, officer, appointees):
    procedure.request_stage_three(adjudicated, on=date(2022, 12, 1), by=officer)
    with pytest.raises(ProcedureError, match="The chair must be one of the three"):
        procedure.convene_panel(adjudicated, members=_panel(appointees), chair=appointees["Pat Independent"],
                                by=officer)


def test_meeting_report_and_response_each_have_their_due_date(adjudicated, officer, appointees):
    procedure.request_stage_three(adjudicated, on=date(2022, 12, 1), by=officer)
    findings = dict(zip(adjudicated.points.values_list("pk", flat=True), ["upheld", "partial"]))
    with pytest.raises(ProcedureError, match="Record the three panel members"):
        procedure.record_panel_meeting(adjudicated, on=date(2023, 1, 10), findings=findings, by=officer)
    procedure.convene_panel(adjudicated, members=_panel(appointees), chair=appointees["Sam Chair"], by=officer)
    assert [str(m) for m in adjudicated.stages.get(number=3).panel.all()] == [
        "Sam Chair (chair)", "Alex Panellist", "Robin Reviewer"]
    with pytest.raises(ProcedureError, match="Record the panel meeting before its report"):
        procedure.record_panel_report(adjudicated, on=date(2023, 1, 16), by=officer)

    stage = procedure.record_panel_meeting(adjudicated, on=date(2023, 1, 10), findings=findings, by=officer)
    assert stage.report_due_on == stage.due_on == date(2023, 1, 17)
    with pytest.raises(ProcedureError, match="Record the panel's report before the council's response"):
        procedure.respond_to_panel(adjudicated, on=date(2023, 1, 20), by=officer)

    stage = procedure.record_panel_report(adjudicated, on=date(2023, 1, 16), by=officer)
    assert stage.due_on == date(2023, 2, 6)
    assert "Council's response to the panel (statutory): 15 working days" in stage.due_date_explained()

    with pytest.raises(ProcedureError, match="on or after the panel's report"):
        procedure.respond_to_panel(adjudicated, on=date(2023, 1, 13), by=officer)
    procedure.respond_to_panel(adjudicated, on=date(2023, 2, 3), by=officer)
    adjudicated.refresh_from_db()
    stage.refresh_from_db()
    assert (adjudicated.status, adjudicated.outcome, stage.outcome) == ("closed", "partial", "partial")
    assert [s.outcome for s in adjudicated.stages.all()] == ["partial", "partial", "partial"]
    assert adjudicated.timeline.first().text == (
        "Council's response to the panel sent Fri 3 Feb 2023, within the due date Mon 6 Feb 2023. "
        "Outcome: partially upheld.")


def test_stage_three_cannot_be_extended(adjudicated, officer):
    procedure.request_stage_three(adjudicated, on=date(2022, 12, 1), by=officer)
    with pytest.raises(ProcedureError, match="Stage 3 timescales cannot be extended"):
        procedure.extend(adjudicated, new_due=date(2023, 1, 20), kind="complex", reason="Busy.",
                         told_on=date(2022, 12, 2), by=officer)
