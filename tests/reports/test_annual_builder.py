"""The annual report builder on small datasets: whole tables asserted."""

from datetime import date
from decimal import Decimal

import pytest

from complaints.casework import procedure
from complaints.casework.models import Channel
from complaints.records.models import Cost
from complaints.reports.annual import build, change_words, suppress, unmatched_numbers
from complaints.reports.data import Row, Table
from complaints.reports.models import EnteredFigure, SectionText, ServicePopulation


def _answer(case, on, finding, officer):
    procedure.respond(case, on=on, findings={p.pk: finding for p in case.points.all()}, by=officer)


@pytest.fixture
def year_of_complaints(record_complaint, officer, team, other_team):
    """2021-22: three complaints answered in each response band, one withdrawn,
    one still open; 2020-21: one upheld complaint."""
    email, phone = Channel.objects.get(code="email"), Channel.objects.get(code="telephone")
    quick = record_complaint(received_on=date(2021, 4, 6), team=team)
    _answer(quick, date(2021, 4, 13), "upheld", officer)  # 5 working days
    slow = record_complaint(received_on=date(2021, 6, 1), team=team, channel=phone)
    _answer(slow, date(2021, 6, 22), "partial", officer)  # 15 working days
    late = record_complaint(received_on=date(2021, 9, 1), team=other_team)
    _answer(late, date(2021, 10, 13), "not_upheld", officer)  # 30 working days
    gone = record_complaint(received_on=date(2022, 1, 10), team=other_team)
    procedure.withdraw(gone, on=date(2022, 1, 12), reason="Sorted out.", by=officer)
    record_complaint(received_on=date(2022, 3, 31), team=None)  # open
    record_complaint(received_on=date(2022, 3, 31), kind="enquiry", procedure="")
    earlier = record_complaint(received_on=date(2020, 5, 1), team=team, channel=email)
    _answer(earlier, date(2020, 5, 6), "upheld", officer)


def _table(report, table_id):
    table = report.table(table_id)
    return {row.label: row.values for row in table.rows}, (table.total.values if table.total else None)


def test_totals_outcomes_and_response_times(year_of_complaints):
    report = build("2021-22")
    assert report.table("totals").columns == ["2021-22", "2020-21"]
    assert _table(report, "totals") == ({
        "Enquiries": [1, 0], "Stage 1": [5, 1], "Stage 1 escalated to Stage 2": [0, 0],
        "Stage 3 review panel": [0, 0]}, None)
    assert report.table("outcomes").columns == ["2021-22", "2021-22 %", "2020-21", "2020-21 %"]
    assert _table(report, "outcomes") == ({
        "Upheld": [1, 20.0, 1, 100.0],
        "Partially upheld": [1, 20.0, 0, 0.0],
        "Not upheld": [1, 20.0, 0, 0.0],
        "Withdrawn": [1, 20.0, 0, 0.0],
        "Not yet decided": [1, 20.0, 0, 0.0],
    }, [5, 100.0, 1, 100.0])
    assert _table(report, "response_times") == ({
        "Within 10 working days": [2, 40.0, 1, 100.0],  # the withdrawal ended in 2 days
        "11 to 20 working days": [1, 20.0, 0, 0.0],
        "Over 20 working days": [1, 20.0, 0, 0.0],
        "Not yet answered": [1, 20.0, 0, 0.0],
    }, [5, 100.0, 1, 100.0])
    assert report.warnings == []


def test_teams_and_channels_with_drill_down_filters(year_of_complaints, team, other_team):
    report = build("2021-22")
    assert _table(report, "teams") == ({
        "Fostering": [2, 0], "Intervention and Support Service": [2, 1], "Team not recorded": [1, 0],
    }, [5, 1])
    isS = report.table("teams").row("Intervention and Support Service")
    assert isS.filters == {"year": "2021-22", "kind": "complaint", "team": str(team.pk)}
    channels, total = _table(report, "channels")
    assert channels == {"Email": [4, 1], "Telephone": [1, 0]}
    assert total == [5, 1]


def test_sentences_quote_the_tables(year_of_complaints):
    report = build("2021-22")
    texts = [s.text for s in report.sentences]
    assert "5 complaints went through Stage 1 in 2021-22; the number rose by 400% from 1 in 2020-21." in texts
    assert ("Of the 5 Stage 1 complaints received in 2021-22, 1 was upheld (20%), 1 was partially upheld "
            "(20%), 1 was not upheld (20%), 1 was withdrawn (20%) and 1 was not yet decided (20%).") in texts


def test_an_edited_paragraph_has_its_unknown_numbers_flagged(year_of_complaints):
    SectionText.objects.create(year="2021-22", section="totals",
                               text="In 2021-22 we received 5 complaints, 7 fewer than the 12 of 2020-21.")
    report = build("2021-22")
    section = next(s for s in report.sections if s.id == "totals")
    assert section.edited and section.flagged_numbers == ["7", "12"]
    assert any("says 7" in w for w in report.warnings)


def test_unmatched_numbers_ignore_years_and_match_rounded_figures():
    assert unmatched_numbers("In 2021-22, 30.4% (24) and £14,413; 2020/21 had 9.", {"30.4", "24", "14413"}) == ["9"]


def test_entered_figures_fill_a_year_without_records_and_say_so(year_of_complaints):
    for row, value in [("Upheld", 6), ("Partially upheld", 28), ("Not upheld", 40), ("Withdrawn", 13)]:
        EnteredFigure.objects.create(year="2022-23", table_id="outcomes", row=row, value=value)
    report = build("2023-24")
    outcomes = report.table("outcomes")
    assert outcomes.sources == {"2023-24": "records", "2022-23": "entered"}
    assert outcomes.row("Upheld").values == [0, None, 6, 6.9]
    assert outcomes.total.values == [0, None, 87, 100.0]
    assert "2022-23 figures were entered by staff" in outcomes.notes[0]
    assert any("Outcomes of Stage 1 complaints, 2022-23: the rows add up to 87, but 0" in w
               for w in report.warnings)


def test_the_percentage_of_children_who_complained(year_of_complaints):
    ServicePopulation.objects.create(year="2021-22", children=250)
    report = build("2021-22")
    assert report.figures["percent_of_children_complaining"] == 2.0
    assert "2.00% of the 250 children receiving services made a formal complaint." in [
        s.text for s in report.sentences]


def test_expenditure_in_pounds(db):
    Cost.objects.create(category="investigators", amount=Decimal("14413"), incurred_on=date(2021, 7, 1))
    Cost.objects.create(category="investigators", amount=Decimal("6087"), incurred_on=date(2020, 7, 1))
    report = build("2021-22")
    table = report.table("expenditure")
    assert table.kind == "money"
    assert table.row("Independent investigators").values == [Decimal("14413"), Decimal("6087")]
    assert "Spending on complaints was £14,413 in 2021-22 and £6,087 in 2020-21." in [
        s.text for s in report.sentences]


def test_published_edition_suppresses_small_counts_and_one_more_beside_them():
    table = Table(id="teams", title="Teams", section="teams", columns=["2021-22", "2020-21"],
                  rows=[Row("A", [20, 12]), Row("B", [3, 10]), Row("C", [8, 0])],
                  total=Row("Total", [31, 22]))
    suppress(table, 5)
    assert [r.values for r in table.rows] == [[20, 12], [None, 10], [None, 0]]
    assert table.total.values == [31, 22]
    assert table.rows[1].notes and table.notes


def test_a_small_total_hides_its_column():
    table = Table(id="t", title="T", section="s", columns=["2021-22", "2021-22 %"],
                  rows=[Row("A", [2, 66.7]), Row("B", [1, 33.3])], total=Row("Total", [3, 100.0]))
    suppress(table, 5)
    assert [r.values for r in table.rows] == [[None, None], [None, None]]
    assert table.total.values[0] is None


# A council may suppress tables that describe no one too (REPORT_SUPPRESSED_TABLES).
WITH_TOTALS = ["totals", "complainants", "advocacy", "age_gender", "disability", "ethnicity", "religion"]


def test_the_published_edition_of_a_real_year(year_of_complaints, settings):
    settings.REPORT_SUPPRESSED_TABLES = WITH_TOTALS
    published = build("2021-22", edition="published")
    assert published.table("totals").row("Stage 1").values == [None, None]
    assert published.sentences[0].text == (
        "Fewer than 6 complaints went through Stage 1 in 2021-22 (fewer than 6 in 2020-21).")
    internal = build("2021-22", edition="internal")
    assert internal.table("totals").row("Stage 1").values == [5, 1]


def test_the_suppressed_sentence_follows_the_suppression_setting(year_of_complaints, settings):
    settings.REPORT_SUPPRESS_UP_TO = 10
    settings.REPORT_SUPPRESSED_TABLES = WITH_TOTALS
    published = build("2021-22", edition="published")
    assert published.sentences[0].text == (
        "Fewer than 11 complaints went through Stage 1 in 2021-22 (fewer than 11 in 2020-21).")


@pytest.mark.parametrize("new, old, words", [
    (79, 87, "fell by 9.2% from 87"), (33, 26, "rose by 26.9% from 26"), (4, 4, "was unchanged"),
    (3, 0, "rose from 0 to 3"), (None, 4, "cannot be compared (a figure is suppressed)"),
])
def test_change_words(new, old, words):
    assert change_words(new, old) == words


def test_the_json_shape(year_of_complaints):
    data = build("2021-22").as_dict()
    assert data["year"] == "2021-22"
    ids = [t["id"] for t in data["tables"]]
    for required in ["ombudsman", "totals", "stage2", "outcomes", "teams", "themes", "response_times",
                     "expenditure", "channels", "complainants", "advocacy", "age_gender", "disability",
                     "ethnicity", "religion", "members", "compliments", "actions"]:
        assert required in ids
    for table in data["tables"]:
        for row in table["rows"]:
            assert len(row["values"]) == len(table["columns"]), table["id"]
    assert data["tables"][ids.index("ombudsman")]["columns"] == ["2021-22", "2020-21", "2019-20"]


def test_every_drill_down_lists_exactly_the_cases_counted(year_of_complaints, client, personas):
    """Each row's filters, given to the case list, find as many cases as the row counts."""
    client.force_login(personas["manager"])
    report = build("2021-22")
    checked = 0
    for table in report.tables:
        for row in table.rows:
            if not row.filters:
                continue
            response = client.get("/cases/", row.filters)
            assert response.context["page"].paginator.count == row.values[0], (table.id, row.label)
            checked += 1
    assert checked >= 12
    response = client.get("/cases/", {"year": "2021-22", "kind": "complaint", "response_band": "over_20"})
    assert "From the annual report: cases received in 2021-22; answered in over 20 working days" in (
        response.content.decode())
