"""Helpers for the browser tests: sign in, read the navigation, run axe-core."""

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
