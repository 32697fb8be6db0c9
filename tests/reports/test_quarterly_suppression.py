"""The quarterly report for those who may only see the annual published
edition: suppressed as that edition is, so that no quarter and no sum of
quarters gives back a count the annual report suppresses (issue #18)."""

import json
from datetime import date
from itertools import combinations

import pytest
from django.urls import reverse

from complaints.casework.models import Point, Theme
from complaints.reports import annual
from complaints.reports.quarterly import Quarter, build

# Which annual table each quarterly table's quarters add up to (for the
# stages, the Stage 1 column).
ADDS_UP_TO = {"themes": "themes", "outcomes": "outcomes", "timeliness": "response_times",
              "stages_by_team": "teams"}


@pytest.fixture(autouse=True)
def suppressing_every_table(settings):
    """A council whose policy suppresses these tables too (REPORT_SUPPRESSED_TABLES;
    by default only the tables about people are)."""
    settings.REPORT_SUPPRESSED_TABLES = [*settings.REPORT_SUPPRESSED_TABLES, *ADDS_UP_TO, *ADDS_UP_TO.values(),
                                         "totals", "stage2", "open_cases"]


@pytest.fixture
def year_of_complaints(record_complaint, team, other_team, frozen):
    """2021-22: communication points 2, 1, 0, 0 (3 in the year, suppressed);
    another theme 8, 0, 2, 0 (10, suppressed in the year so that the total
    does not give back the 3); a third 9, 9, 9, 2 (29, shown)."""
    second, third = Theme.objects.exclude(code="communication").order_by("pk")[:2]
    quarter_days = [date(2021, 5, 4), date(2021, 8, 3), date(2021, 11, 2), date(2022, 2, 1)]

    def complaints(theme, counts, team):
        for day, n in zip(quarter_days, counts):
            for _ in range(n):
                case = record_complaint(received_on=day, team=team)
                if theme is not None:
                    Point.objects.filter(case=case).update(theme=theme)

    complaints(None, [2, 1, 0, 0], other_team)
    complaints(second, [8, 0, 2, 0], team)
    complaints(third, [9, 9, 9, 2], team)


def published_quarters(client):
    """What someone who may only see the published edition downloads: the year's four quarters."""
    return [json.loads(client.get(reverse("report_quarterly_download", args=[f"2021-22-Q{n}", "json"])).content)
            for n in (1, 2, 3, 4)]


def rows_of(report: dict, table_id: str) -> dict[str, list]:
    table = next(t for t in report["tables"] if t["id"] == table_id)
    return {row["label"]: row["values"] for row in table["rows"] + ([table["total"]] if "total" in table else [])}


def test_no_quarter_and_no_sum_of_quarters_is_a_count_the_annual_report_suppresses(
        year_of_complaints, client, personas):
    client.force_login(personas["officer"])
    quarters = published_quarters(client)
    counted = annual.build("2021-22", edition="internal")
    published = annual.build("2021-22", edition="published")

    checked = 0
    for table_id, annual_id in ADDS_UP_TO.items():
        true, shown = counted.table(annual_id), published.table(annual_id)
        for row, published_row in zip(true.rows + [true.total], shown.rows + [shown.total]):
            if published_row.values[0] is not None:
                continue
            figure = row.values[0]
            in_quarters = [rows_of(q, table_id).get("Total" if row is true.total else row.label, [0])[0]
                           for q in quarters]
            visible = [n for n in in_quarters if n is not None]
            sums = {sum(c) for k in range(1, len(visible) + 1) for c in combinations(visible, k)}
            assert figure not in sums, (table_id, row.label, figure, in_quarters)
            checked += 1
    assert checked >= 3


def test_a_suppressed_quarter_cannot_be_worked_out_from_the_year_or_the_quarters_total(
        year_of_complaints, client, personas):
    client.force_login(personas["officer"])
    quarters = published_quarters(client)
    published = annual.build("2021-22", edition="published")

    for table_id, annual_id in ADDS_UP_TO.items():
        year = {r.label: r.values[0] for r in published.table(annual_id).rows}
        labels = {label for q in quarters for label in rows_of(q, table_id)} - {"Total"}
        for label in labels:
            suppressed = sum(rows_of(q, table_id)[label][0] is None for q in quarters)
            if year.get(label) is not None:
                assert suppressed != 1, (table_id, label)
        for q in quarters:
            rows = rows_of(q, table_id)
            if "Total" in rows and rows["Total"][0] is not None:
                assert sum(values[0] is None for label, values in rows.items() if label != "Total") != 1, (
                    table_id, q["title"])


def test_the_quarters_of_a_suppressed_row_are_all_suppressed_and_the_rest_is_shown(year_of_complaints):
    second, third = Theme.objects.exclude(code="communication").order_by("pk")[:2]
    themes = [{r.label: r.values[0] for r in build(Quarter.parse(f"2021-22 Q{n}"), edition="published")
               .table("themes").rows} for n in (1, 2, 3, 4)]

    communication = Theme.objects.get(code="communication").name
    assert [q[communication] for q in themes] == [None, None, None, None]  # 3 in the year
    assert [q[second.name] for q in themes] == [None, None, None, None]  # 10: suppressed in the year
    assert [q[third.name] for q in themes] == [None, 9, 9, None]  # the 2, and a 9 so 29 does not give it


def test_those_who_may_see_the_internal_edition_see_every_quarterly_count(year_of_complaints, client, personas):
    client.force_login(personas["manager"])
    q1 = json.loads(client.get(reverse("report_quarterly_download", args=["2021-22-Q1", "json"])).content)
    assert q1["edition"] == "internal"
    assert rows_of(q1, "themes")[Theme.objects.get(code="communication").name] == [2]


def test_the_internal_quarterly_report_is_refused_to_others(client, personas):
    client.force_login(personas["officer"])
    page = client.get(reverse("report_quarterly", args=["2021-22-Q1"]), {"edition": "internal"})
    assert page.status_code == 403
    assert "Published edition" in client.get(reverse("report_quarterly", args=["2021-22-Q1"])).content.decode()
