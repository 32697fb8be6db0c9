"""Charts: year-on-year bars readable without colour, a text alternative that
says every value, and a suppressed count drawn as absent with its note."""

import re
from io import BytesIO

from PIL import Image

from complaints.reports.render.charts import LOOKS, alt_text, charts, draw
from tests.reports.sample_report import sample_report


def test_every_table_marked_bar_has_a_chart_and_no_other():
    report = sample_report()

    drawn = charts(report)

    assert set(drawn) == {t.id for t in report.tables if t.chart == "bar"}
    assert {"teams", "outcomes", "channels", "expenditure"} <= set(drawn)


def test_the_text_alternative_says_every_value_year_by_year():
    table = sample_report(edition="internal").table("teams")

    assert alt_text(table) == (
        "Bar chart of complaints by team, 2021-22 and 2020-21: "
        "Intervention and Support Service 33 and 26; Triage, MASH and Assessment 25 and 32; "
        "Care Resources 10 and 7; Children and Adults with Disabilities 7 and 10; "
        "Fostering 2 and 5; Adopt London 2 and 7."
    )


def test_three_years_and_money_are_said_as_the_tables_write_them():
    report = sample_report()

    assert "2021-22, 2020-21 and 2019-20: Maladministration (no injustice) 1, 0 and 0;" in alt_text(
        report.table("ombudsman"))
    assert "Independent investigators £14,413 and £6,087" in alt_text(report.table("expenditure"))


def test_a_suppressed_count_has_no_bar_only_its_symbol_and_the_note():
    chart = draw(sample_report(edition="published").table("teams"), formats=("svg",))

    assert "Fostering suppressed and suppressed; Adopt London suppressed and 7." in chart.alt
    assert chart.notes == ["[c] Suppressed: 1 to 5 (Fostering, Adopt London)"]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", chart.svg)
    assert texts.count("[c]") == 3
    assert "[c] Suppressed: 1 to 5 (Fostering, Adopt London)" in texts
    # Each value is written on its bar.
    assert {"33", "26", "25", "32", "10", "7"} <= set(texts)


def test_each_column_has_its_own_grey_and_hatching_so_colour_carries_no_meaning():
    assert len(set(LOOKS)) == len(LOOKS)
    assert len({hatch for _, hatch in LOOKS}) >= len(LOOKS) - 1  # only the first and last are plain
    chart = draw(sample_report().table("ombudsman"), formats=("svg",))
    # Three years: the first plain dark grey, the others hatched.
    assert chart.svg.count("<pattern") == 2
    assert re.findall(r"<text[^>]*>(20\d\d-\d\d)</text>", chart.svg) == ["2021-22", "2020-21", "2019-20"]


def test_a_chart_is_an_svg_and_a_png_of_a4_width():
    chart = draw(sample_report().table("outcomes"))

    assert chart.svg.lstrip().startswith("<?xml") and "<svg" in chart.svg
    image = Image.open(BytesIO(chart.png))
    assert image.format == "PNG"
    assert image.width == 945  # 6.3 inches at 150 dots an inch
    assert chart.svg_data_uri.startswith("data:image/svg+xml;base64,")


def test_the_same_table_draws_the_same_svg():
    table = sample_report().table("channels")

    assert draw(table, formats=("svg",)).svg == draw(table, formats=("svg",)).svg
