"""A complaints manager records a subject access request, searches the records
for the person, makes the disclosure pack and downloads it. axe-core checks
each page in each state."""

import io
import re
import zipfile
from datetime import date

import docx
from playwright.sync_api import expect

from tests.browser.helpers import assert_no_axe_violations, error_summary, fill_date, sign_in


def test_a_manager_records_a_request_searches_and_downloads_the_pack(page, live_server, personas,
                                                                     record_complaint):
    case = record_complaint(complainant="Sam Taylor", child="Alex Taylor")
    sign_in(page, live_server, personas["manager"])

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Subject access").click()
    expect(page.get_by_role("heading", name="Subject access requests", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Record a request").click()
    expect(page.get_by_role("heading", name="Record a subject access request", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Record the request").click()
    summary = error_summary(page)
    expect(summary).to_contain_text("Enter the full name of the person asking")
    expect(summary).to_contain_text("Select who is asking")
    expect(summary).to_contain_text("Enter the date the request was received")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_no_axe_violations(page)

    page.get_by_label("Full name of the person asking").fill("Alex Taylor")
    page.get_by_role("radio", name="The person themselves").check()
    fill_date(page, "Their date of birth", date(2012, 3, 31))
    fill_date(page, "Date the request was received", date(2023, 1, 31))
    with page.expect_navigation():
        page.get_by_role("button", name="Record the request").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Subject access request SAR-2023-0001 recorded: due Tue 28 Feb 2023")
    expect(page.get_by_role("heading", name="SAR-2023-0001", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Search the records and make a disclosure pack").click()
    expect(page.get_by_role("heading", name="What is held about Alex Taylor", level=1)).to_be_visible()
    found = page.get_by_role("checkbox", name=re.compile(rf"^{case.reference}, received"))
    expect(found).to_be_checked()
    assert_no_axe_violations(page)

    found.uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Make the disclosure pack").click()
    expect(error_summary(page)).to_contain_text("Select at least one record to include in the pack")
    assert_no_axe_violations(page)

    page.get_by_role("checkbox", name=re.compile(rf"^{case.reference}, received")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Make the disclosure pack").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Disclosure pack made")
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download")).click()
    assert re.fullmatch(r"SAR-2023-0001-disclosure-\d{4}-\d{2}-\d{2}\.zip", download.value.suggested_filename)
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        pack = docx.Document(io.BytesIO(archive.read("SAR-2023-0001-disclosure-pack.docx")))
    text = "\n".join(p.text for p in pack.paragraphs) + "\n".join(
        cell.text for table in pack.tables for row in table.rows for cell in row.cells)
    assert f"Case {case.reference}" in text
    assert "[REDACT? Sam Taylor]" in text

    page.get_by_role("link", name="Extend the time to respond").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Extend").click()
    expect(error_summary(page)).to_contain_text("Enter the new due date")
    assert_no_axe_violations(page)
