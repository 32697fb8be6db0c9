"""Helpers for the browser tests: sign in, read the navigation, run axe-core,
fill GOV.UK date inputs and read the case page."""

import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe.min.js"
PASSWORD = "correct-horse-battery"
# The WCAG 2.2 AA rules axe-core knows (it has few 2.2-only rules: wcag22aa).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def sign_in(page, live_server, user, password=PASSWORD):
    """Sign in through the real form, as a person would.

    Returns the response of the page the form lands on (after redirects).
    """
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username", exact=True).fill(user.username)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation() as landing:
        page.get_by_role("button", name="Sign in", exact=True).click()
    return landing.value


def nav_labels(page):
    """The labels of the links in the service navigation, in order."""
    nav = page.get_by_role("navigation", name="Menu")
    if nav.count() == 0:
        return []
    return [text.strip() for text in nav.get_by_role("link").all_inner_texts()]


def assert_no_axe_violations(page, *, context="document"):
    """Run axe-core's WCAG 2.0–2.2 A and AA rules on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: copy axe-core's axe.min.js there")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async ([context, tags]) => {
            const results = await axe.run(
                context === 'document' ? document : context,
                {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']},
            );
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(
                    n => ({target: n.target, html: n.html, summary: n.failureSummary})),
            }));
        }""",
        [context, AXE_TAGS],
    )
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"]:
                lines.append(f"    {node['target']}: {node['html'][:200]}")
                lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
        pytest.fail("\n".join(lines), pytrace=False)


def error_summary(page):
    """Wait for the GOV.UK error summary and check every link in it leads to a
    field on the page. Returns the summary's locator."""
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    for href in summary.get_by_role("link").evaluate_all("as => as.map(a => a.hash)"):
        assert page.locator(href).count() == 1, href
    return summary


# -- Forms and the case page ----------------------------------------------------------


def fill_date(scope, legend, day):
    """Type ``day`` into the GOV.UK date input (Day, Month, Year) whose legend
    is ``legend``, inside ``scope`` (a page or a locator)."""
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def next_steps(page):
    """The titles of the links under "What to do next" on the case page, in order."""
    heading = page.get_by_role("heading", name="What to do next", exact=True, level=2)
    if heading.count() == 0:
        return []
    return heading.locator("xpath=following-sibling::ul[1]").get_by_role("link").all_inner_texts()


def stage_summary(page, number):
    """The summary list of a stage's facts and due dates on the case page."""
    heading = page.get_by_role("heading", name=f"Stage {number}", exact=True, level=3)
    return heading.locator("xpath=following-sibling::dl[1]")


def summary_row(summary_list, label):
    """The row of a GOV.UK summary list whose key is exactly ``label``."""
    key = summary_list.page.locator(
        ".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return summary_list.locator(".govuk-summary-list__row", has=key)


def summary_value(summary_list, label):
    """The first line of a summary list row's value (a due date's explanation,
    in a closed <details>, comes after it)."""
    value = summary_row(summary_list, label).locator(".govuk-summary-list__value")
    return value.inner_text().strip().splitlines()[0].strip()


def explanation(summary_list, label):
    """Open the "How this date was worked out" details of a due date and return
    what it says."""
    row = summary_row(summary_list, label)
    row.locator("summary").click()
    return row.locator(".govuk-details__text").inner_text().strip()


def due_dates(page):
    """Every due date on the case page: {stage number: {row label: first line}},
    e.g. {1: {"Response": "Due Mon 10 Oct 2022. Sent Tue 4 Oct 2022"}}.

    A due date is a row with a "How this date was worked out" explanation. The
    "Overdue" tag is left out: these walks replay dates years in the past, so
    every pending date is overdue by now; "Late" (a step done after its due
    date) is kept.
    """
    dates = {}
    for heading in page.locator("h3[id^='stage-']").all():
        number = int(heading.get_attribute("id").removeprefix("stage-"))
        rows = heading.locator("xpath=following-sibling::dl[1]").locator(
            ".govuk-summary-list__row", has=page.locator("details"))
        dates[number] = {}
        for row in rows.all():
            label = row.locator(".govuk-summary-list__key").inner_text().strip()
            line = row.locator(".govuk-summary-list__value").inner_text().strip().splitlines()[0]
            dates[number][label] = line.strip().removesuffix(" Overdue")
    return dates


def timeline(page):
    """The case page's timeline entries, oldest first."""
    return page.locator(".app-timeline__item strong").all_inner_texts()[::-1]
