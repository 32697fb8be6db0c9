"""Browser tests: Debian's Chromium driven through Playwright against a live server.

One browser for the whole session; a fresh context (cookies, storage) per test.
Every test in this folder is marked ``browser``.

Without /usr/bin/chromium the tests are skipped, unless REQUIRE_BROWSER=1 (as
in CI), when they fail instead: browser tests must never vanish silently.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would
# otherwise refuse ORM calls from the test (creating users, recording cases).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _no_browser(reason):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} and REQUIRE_BROWSER=1: browser tests may not be skipped")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _no_browser(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Put back the teams, themes and channels the data migrations load.

    Browser tests run against a live server, so they use transactional_db,
    which empties every table after each test, reference data included.
    """
    import django.apps

    from complaints.casework.reference_data import load

    load(django.apps.apps)


@pytest.fixture
def context(browser, live_server):
    """A fresh browser context. bypass_csp lets assert_no_axe_violations inject
    axe-core; test_govuk_frontend_starts_under_the_content_security_policy
    checks the pages under the real CSP."""
    ctx = browser.new_context(base_url=live_server.url, bypass_csp=True)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
