"""The report as HTML, read back: the standalone print page (the HTML download
and the PDF's source) and the staff page, whose counts link to the cases
behind them."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from lxml import html as lxml_html

from complaints.reports.render import html
from complaints.reports.render.charts import alt_text
from complaints.reports.render.values import row_texts
from tests.reports.sample_report import sample_report


def _tables(page):
    """{caption: [[header cells], [row cells]...]} of every table on the page."""
    out = {}
    for table in page.xpath("//table"):
        caption = table.xpath("string(caption)").strip()
        out[caption] = [[cell.text_content().strip() for cell in row.xpath("th|td")]
                        for row in table.xpath(".//tr")]
    return out


def _visible(cell_text: str) -> str:
    """A staff-page cell without its visually hidden words."""
    return cell_text.split(" cases:")[0]


def _assert_every_table_is_there(page, report):
    tables = _tables(page)
    for number, table in enumerate(_reading_order(report), 1):
        rows = tables[f"Table {number}: {table.title}"]
        assert rows[0][1:] == table.columns
        body = rows[1:]
        expected = [[row.label, *row_texts(table, row)]
                    for row in table.rows + ([table.total] if table.total else [])]
        assert [[_visible(c) for c in r] for r in body] == expected, table.id


def _reading_order(report):
    order = [s.id for s in report.sections]
    return sorted(report.tables, key=lambda t: order.index(t.section))


# Drawn once a module: the pages are only read.
@pytest.fixture(scope="module")
def report():
    return sample_report(edition="published")


@pytest.fixture(scope="module")
def print_page(report):
    return lxml_html.fromstring(html.render_html(report))


def test_the_print_page_holds_every_table_value_for_value(print_page, report):
    _assert_every_table_is_there(print_page, report)
    assert "[c]" in _tables(print_page)["Table 5: Complaints by team"][5]  # Fostering


def test_the_print_page_has_each_chart_as_an_image_with_its_text_alternative(print_page, report):
    images = print_page.xpath("//figure/img")
    assert [img.get("alt") for img in images] == [
        alt_text(t) for t in _reading_order(report) if t.chart == "bar"]
    assert all(img.get("src").startswith("data:image/svg+xml;base64,") for img in images)
    captions = print_page.xpath("//figcaption/text()")
    assert captions[:2] == ["Figure 1: Ombudsman decisions, year on year",
                            "Figure 2: Complaints and enquiries received, year on year"]


def test_the_print_page_stands_alone(print_page, report):
    assert print_page.xpath("string(//title)").startswith(report.title)
    assert "size: A4" in print_page.xpath("string(//style)")
    assert "Liberation Sans" in print_page.xpath("string(//style)")
    assert not print_page.xpath("//script | //link[@rel='stylesheet'] | //nav[@aria-label='Menu']")
    assert not print_page.xpath("//a[contains(@href, '/cases/')]")  # staff links stay on the staff page
    contents = print_page.xpath("//nav[@aria-labelledby='contents-heading']//a")
    assert [a.text for a in contents] == [s.title for s in report.sections]
    assert all(print_page.xpath(f"//*[@id='{a.get('href')[1:]}']") for a in contents)


def test_the_print_page_has_the_sections_examples_notes_and_warnings(print_page, report):
    text = print_page.text_content()
    assert "Partially upheld complaints fell from 28 to 18." in text
    assert "Not upheld fell from 40 to 25." in text  # a second paragraph
    assert "Disputing a decision fell from 19 to 4." in text  # drafted sentences where no paragraph
    assert "“I have no words to describe my gratitude to X, she has been a rock.”" in text
    assert "Suppressed: 1 to 5 (Fostering; Adopt London)" in text
    assert "A complaint may raise more than one theme." in text
    # Flagged text and the problems are for staff only: never in the document.
    assert "the edited paragraph says 12" not in text
    assert "12 complaints went to Stage 2" not in text
    assert "held back" not in text
    # Staff text's markup: a bullet list, bold and a link.
    items = print_page.xpath("//section[@id='section-outcomes']//ul/li")
    assert [li.text_content() for li in items] == ["Apologies were given", "See the Ombudsman's decisions"]
    assert items[0].xpath("string(strong)") == "Apologies"
    assert items[1].xpath("a/@href") == ["https://www.lgo.org.uk/decisions"]


# -- The staff page -----------------------------------------------------------------


@pytest.fixture(scope="module")
def staff_context(report):
    return html.page_context(report, downloads=[("Word document (DOCX)", "/download/docx/")], drill_down=True)


@pytest.fixture
def staff_page(report, staff_context, personas):
    def render(*, editable=False, user="manager"):
        request = RequestFactory().get(reverse("report_annual", args=[report.year]))
        request.user = personas[user]
        context = {**staff_context, "editable": editable}
        return lxml_html.fromstring(render_to_string("reports/annual.html", context, request=request))

    return render


def test_the_staff_page_holds_every_table_and_chart(staff_page, report):
    page = staff_page()

    _assert_every_table_is_there(page, report)
    assert [img.get("alt") for img in page.xpath("//figure/img")] == [
        alt_text(t) for t in _reading_order(report) if t.chart == "bar"]
    assert page.xpath("//table/@class")[0].startswith("govuk-table")
    numeric = page.xpath("//td[contains(@class, 'govuk-table__cell--numeric')]")
    assert len(numeric) > 100


def test_each_count_links_to_the_cases_behind_it_in_its_year(staff_page, report):
    page = staff_page()

    links = page.xpath("//table//a")
    by_text = {(a.xpath("string(.)").strip()): a.get("href") for a in links}
    href = by_text["33 cases: Intervention and Support Service, 2021-22"]
    url = urlsplit(href)
    assert url.path == reverse("case_list")
    assert parse_qs(url.query) == {"team": ["3"], "year": ["2021-22"]}
    assert parse_qs(urlsplit(by_text["26 cases: Intervention and Support Service, 2020-21"]).query) == {
        "team": ["3"], "year": ["2020-21"]}
    # Stage 2: the row's own filters, and the column's year.
    assert parse_qs(urlsplit(by_text["7 cases: Escalated to Stage 2, 2021-22"]).query) == {
        "kind": ["complaint"], "stage": ["2"], "year": ["2021-22"]}


def test_no_link_where_there_is_nothing_to_list(staff_page):
    page = staff_page()
    texts = [a.xpath("string(.)") for a in page.xpath("//table//a")]

    assert not [t for t in texts if "%" in t]  # percentages
    assert not [t for t in texts if t.startswith(("[c]", "0 "))]  # suppressed, none
    assert not [t for t in texts if "Total" in t or "How complaints were received" in t
                or "Stage 1, 2021-22" in t]  # rows without filters, averages


def test_the_staff_page_is_a_govuk_page_without_inline_scripts_or_styles(staff_page, report):
    page = staff_page()

    assert page.xpath("//nav[@aria-label='Menu']")
    assert page.xpath("//link[contains(@href, 'reports/report.css')]")
    assert not page.xpath("//script[not(@src)]")
    assert not page.xpath("//*[@style]")
    assert page.xpath("string(//h1)") == report.title
    assert page.xpath("//a[@href='/download/docx/']/text()") == ["Word document (DOCX)"]
    warning = page.xpath("string(//*[contains(@class, 'govuk-warning-text')])")
    assert "1 problem to put right before it is published" in warning
    assert page.xpath("//li[text()='Stages: the edited paragraph says 12: “12” is not a figure of this section.']")


def test_an_edited_paragraph_with_an_unknown_number_is_flagged_for_staff(staff_page):
    inset = staff_page().xpath("//section[@id='section-stages']//div[@class='govuk-inset-text']")

    assert "held back: this number does not match the figures: 12." in inset[0].text_content()


def test_those_who_may_write_the_paragraphs_get_a_link_to_each(staff_page, report):
    assert not staff_page().xpath("//a[starts-with(text(), 'Change the paragraph')]")

    links = staff_page(editable=True).xpath("//a[starts-with(text(), 'Change the paragraph')]/@href")

    assert links == [reverse("report_section", args=[report.year, s.id]) for s in report.sections]


def test_wide_tables_scroll_in_a_region_keyboard_users_can_reach(staff_page):
    regions = staff_page().xpath("//div[@role='region'][@tabindex='0']/@aria-label")

    assert regions == ["Table 1: Ombudsman decisions", "Table 8: Stage 1 response times",
                       "Table 21: Complaints and compliments action plan"]
