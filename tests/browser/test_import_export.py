"""A complaints manager imports a spreadsheet: the first upload has mistakes,
the page lists each with its row, column and value, the corrected file
imports, and the cases are on the case list. An administrator exports every
record. axe-core checks each page in each state."""

import io

import openpyxl
from playwright.sync_api import expect

from tests.browser.helpers import assert_no_axe_violations, error_summary, sign_in
from tests.transfer.conftest import case_row, point_row, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(*cases):
    return {"name": "legacy-cases.xlsx", "mimeType": XLSX, "buffer": xlsx({
        "Cases": list(cases),
        "Points": [point_row(case_reference=case["Case reference"]) for case in cases],
    })}


def upload(page, file, action):
    form = page.locator("main form")
    form.get_by_label("Upload a file").set_input_files(file)
    form.get_by_role("radio", name=action).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Continue").click()


def problems(page):
    """The problem table's rows: [row, column, value, problem]."""
    rows = page.locator("table.app-problems tbody tr")
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in rows.all()]


def test_a_manager_corrects_a_file_and_imports_it(page, live_server, personas):
    sign_in(page, live_server, personas["manager"])
    page.get_by_role("link", name="Import and export").click()
    expect(page.get_by_role("heading", name="Import records", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the template (XLSX)").click()
    assert download.value.suggested_filename == "records-import-template.xlsx"
    template = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert template.sheetnames[:3] == ["Cases", "Points", "Children"]

    wrong = case_row(case_reference="LEG-0002", received_date="31/02/2022")
    misspelt = case_row(case_reference="LEG-0003", team="Fostring")
    upload(page, workbook(case_row(case_reference="LEG-0001"), wrong, misspelt), "Import the records")
    summary = error_summary(page)
    expect(summary).to_contain_text("legacy-cases.xlsx has 2 problems: correct them and upload it again")
    assert problems(page) == [
        ["3", "Received date", "'31/02/2022'", "31/02/2022 is not a date"],
        ["4", "Team", "'Fostring'", "'Fostring' is not a team — did you mean 'Fostering'?"],
    ]
    expect(page.get_by_role("heading", name="Problems in legacy-cases.xlsx")).to_be_visible()
    assert_no_axe_violations(page)

    wrong["Received date"], misspelt["Team"] = "28/02/2022", "Fostering"
    upload(page, workbook(case_row(case_reference="LEG-0001"), wrong, misspelt), "Check the file")
    expect(page.get_by_role("heading", name="legacy-cases.xlsx has no problems")).to_be_visible()
    assert_no_axe_violations(page)

    # The checked file is kept: importing it needs no second upload (issue #15).
    page.get_by_role("button", name="Import these records").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("legacy-cases.xlsx imported")
    created = page.get_by_role("table", name="Records created and updated")
    expect(created.get_by_role("row", name="Cases")).to_contain_text("3")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Cases", exact=True).click()
    for reference in ("LEG-0001", "LEG-0002", "LEG-0003"):
        expect(page.get_by_role("link", name=reference)).to_be_visible()
    page.get_by_role("link", name="LEG-0002").click()
    expect(page.locator("main")).to_contain_text("Imported from legacy-cases.xlsx (sha256")


def test_an_administrator_exports_every_record(page, live_server, personas, record_complaint):
    record_complaint()
    sign_in(page, live_server, personas["admin"])
    page.goto(f"{live_server.url}/import/")
    page.get_by_role("link", name="export the records").click()
    expect(page.get_by_role("heading", name="Export the records", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download every record (XLSX)").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book["Cases"]["A2"].value == "COM-2022-0001"
