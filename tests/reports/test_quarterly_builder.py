"""The quarterly report: the quarter's stages by team, open and overdue cases,
themes, outcomes, timeliness, overdue actions and disproportionality."""

from datetime import date

import pytest
import time_machine

from complaints.casework import procedure
from complaints.casework.models import Child, Ethnicity, Monitoring
from complaints.records.models import Action
from complaints.reports.models import PopulationByEthnicity
from complaints.reports.quarterly import Quarter, build


def test_quarters_of_the_reporting_year():
    q = Quarter.parse("2021-22 Q4")
    assert (q.starts_on, q.ends_on) == (date(2022, 1, 1), date(2022, 3, 31))
    assert (Quarter.parse("2021-22 Q1").starts_on, Quarter.parse("2021-22 Q1").ends_on) == (
        date(2021, 4, 1), date(2021, 6, 30))
    with pytest.raises(ValueError, match="not a quarter"):
        Quarter.parse("2021-22 Q5")


@pytest.fixture
def quarter_of_complaints(record_complaint, officer, team, other_team):
    answered = record_complaint(received_on=date(2021, 7, 5), team=team)
    procedure.respond(answered, on=date(2021, 7, 12), findings={p.pk: "upheld" for p in answered.points.all()},
                      by=officer)  # 5 working days
    record_complaint(received_on=date(2021, 8, 2), team=other_team)  # still open: due 16 Aug
    record_complaint(received_on=date(2021, 10, 1), team=team)  # next quarter
    Action.objects.create(number=1, task="Refresh the leaflet", owners="Team", starts_on=date(2021, 4, 1),
                          intended_outcome="Better", target_on=date(2021, 8, 31))
    return answered


def test_the_quarter_tables(quarter_of_complaints):
    report = build("2021-22 Q2", today=date(2026, 1, 1))
    assert report.title == "Quarterly complaints report 2021-22 Q2"
    stages = report.table("stages_by_team")
    assert {r.label: r.values for r in stages.rows} == {
        "Intervention and Support Service": [1, 0, 0], "Fostering": [1, 0, 0]}
    assert {r.label: r.values for r in report.table("open_cases").rows} == {
        "Stage 1": [1, 1], "Stage 2": [0, 0], "Stage 3": [0, 0]}
    assert {r.label: r.values for r in report.table("outcomes").rows} == {
        "Upheld": [1, 50.0], "Partially upheld": [0, 0.0], "Not upheld": [0, 0.0], "Withdrawn": [0, 0.0],
        "Not yet decided": [1, 50.0]}
    assert report.table("timeliness").row("Within 10 working days").values == [1, 50.0]
    assert [r.label for r in report.table("overdue_actions").rows] == ["1"]
    assert "1 of the 1 Stage 1 complaints answered (100.0%) were answered within 10 working days." in [
        s.text for s in report.sentences]
    with pytest.raises(KeyError):
        report.table("disproportionality")


def test_a_stage_deferred_at_the_quarters_end_is_open_but_not_overdue(quarter_of_complaints, officer):
    """The clock is paused while consideration is deferred (reg 8): the quarterly report
    counts overdue as the case list and My work do (Stage.objects.overdue_on)."""
    from complaints.casework.models import Case

    deferred = Case.objects.get(received_on=date(2021, 8, 2))
    with time_machine.travel(date(2021, 8, 20), tick=False):
        procedure.defer(deferred, on=date(2021, 8, 10), proceedings="criminal",
                        reason="A police investigation.", by=officer)
    report = build("2021-22 Q2", today=date(2026, 1, 1))
    assert report.table("open_cases").row("Stage 1").values == [1, 0]


def test_disproportionality_when_the_population_is_entered(quarter_of_complaints):
    white, black = Ethnicity.objects.get(code="WBRI"), Ethnicity.objects.get(code="BCRB")
    for child in Child.objects.filter(case__received_on__range=(date(2021, 7, 1), date(2021, 9, 30))):
        Monitoring.objects.create(child=child, ethnicity=black)
    PopulationByEthnicity.objects.create(year="2021-22", ethnicity=white, children=900)
    PopulationByEthnicity.objects.create(year="2021-22", ethnicity=black, children=100)
    table = build("2021-22 Q2", today=date(2026, 1, 1)).table("disproportionality")
    assert {r.label: r.values for r in table.rows} == {
        black.name: [100.0, 10.0, 10.0], white.name: [0.0, 90.0, 0.0]}


def test_the_command_writes_each_format(quarter_of_complaints, tmp_path):
    import json

    from django.core.management import CommandError, call_command

    out = tmp_path / "q2.json"
    call_command("quarterly_report", "2021-22", "q2", "--output", str(out))
    assert json.loads(out.read_text())["title"] == "Quarterly complaints report 2021-22 Q2"
    call_command("quarterly_report", "2021-22", "Q2", "--format", "docx", "--output", str(tmp_path / "q2.docx"))
    assert (tmp_path / "q2.docx").read_bytes().startswith(b"PK")
    with pytest.raises(CommandError, match="not a quarter"):
        call_command("quarterly_report", "2021-22", "Q9")
