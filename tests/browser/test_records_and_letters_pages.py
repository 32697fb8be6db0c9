"""axe-core's WCAG 2.2 A and AA rules on every staff page of the records and
letters apps, in the states people see: lists empty and with rows (overdue
ones flagged), add forms empty and with every error, detail and change pages,
a case's letters before and after generating one, and the letter templates.

The records are dated in the financial year 2022-23, so they are in the past
whatever today is, and every open item with a date is overdue; the lists are
opened at ?year=2022 (or by choosing the year, as people do). Time is not
frozen: a frozen clock would date the session cookie in the past.
"""

import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from complaints.letters.services import DOCX_TYPE
from complaints.records import services
from complaints.records.models import Action, ActionUpdate, Compliment, Cost, OmbudsmanCase
from tests.browser.helpers import assert_no_axe_violations, error_summary, sign_in

YEAR = "?year=2022"  # the financial year 2022-23

# (list URL, heading, what the list says when it is empty)
LISTS = [
    ("/costs/", "Costs", "No costs recorded in"),
    ("/ombudsman/", "Ombudsman cases", "No Ombudsman enquiries received in"),
    ("/members/", "Members' correspondence", "No enquiries received in"),
    ("/compliments/", "Compliments", "No compliments received in"),
    ("/action-plan/", "Action plan", "The action plan has no actions yet."),
]

# (add page URL, heading, messages the error summary must show when it is sent empty)
ADD_FORMS = [
    ("/costs/new/", "Add a cost",
     ["Select what the cost was for", "Enter the amount"]),
    ("/ombudsman/new/", "Add an Ombudsman case",
     ["Enter the LGSCO reference"]),
    ("/members/new/", "Add a members' enquiry",
     ["Enter the member's name", "Select whether they are a councillor or an MP",
      "Enter what the enquiry is about"]),
    ("/compliments/new/", "Add a compliment",
     ["Select who gave the compliment", "Enter what they said"]),
    ("/action-plan/new/", "Add an action",
     ["Enter the action", "Enter who is responsible", "Enter what the action should achieve",
      "Select the status"]),
]


def _heading(page, name):
    expect(page.get_by_role("heading", name=name, level=1, exact=True)).to_be_visible()


def _visit(page, live_server, url, heading):
    page.goto(f"{live_server.url}{url}")
    _heading(page, heading)


@pytest.fixture
def records(team, record_complaint):
    """A few of each record in 2022-23, one of each kind overdue."""
    case = record_complaint(team=team, received_on=date(2022, 9, 9))
    costs = [
        Cost.objects.create(
            category=Cost.Category.INVESTIGATORS, amount=Decimal("1250.00"),
            incurred_on=date(2022, 7, 14), supplier_or_invoice="INV-0042",
            description="Stage 2 investigation", case=case),
        Cost.objects.create(
            category=Cost.Category.PUBLICITY, amount=Decimal("300.00"),
            incurred_on=date(2023, 1, 10), supplier_or_invoice="Leaflet printing"),
    ]
    overdue_remedy = OmbudsmanCase.objects.create(
        reference="22 004 123", enquiry_on=date(2022, 6, 1), case=case,
        decision=OmbudsmanCase.Decision.UPHELD, decision_on=date(2022, 10, 3),
        fault_found=True, injustice_found=True, remedy_apology=True, remedy_payment=True,
        payment_amount=Decimal("300.00"), compliance_due_on=date(2022, 11, 3))
    undecided = OmbudsmanCase.objects.create(reference="22 009 876", enquiry_on=date(2023, 2, 1))
    overdue_enquiry = services.record_members_enquiry(
        member_name="Cllr Jo Patel", member_kind="councillor", received_on=date(2022, 5, 9),
        subject="Respite care for a family", team=team)
    answered = services.record_members_enquiry(
        member_name="Sam Okafor MP", member_kind="mp", received_on=date(2022, 9, 12),
        subject="A delayed Stage 2", case=case, responded_on=date(2022, 9, 20))
    compliments = [
        Compliment.objects.create(
            received_on=date(2022, 8, 2), team=team, given_by=Compliment.GivenBy.PARENT,
            words="Teju listened and kept us informed.", staff_named="Teju",
            consent_to_publish=True, published_text="X listened and kept us informed.",
            approved_on=date(2022, 8, 3)),
        Compliment.objects.create(
            received_on=date(2022, 11, 21), given_by=Compliment.GivenBy.PROFESSIONAL_EXTERNAL,
            words="A clear and quick answer."),
    ]
    overdue_action = Action.objects.create(
        number=1, task="Return every call within two working days", owners="Team managers",
        starts_on=date(2022, 4, 1), intended_outcome="Fewer complaints about communication",
        target_on=date(2022, 12, 31), status=Action.Status.IN_PROGRESS)
    overdue_action.cases.add(case)
    overdue_action.points.add(*case.points.all())
    ActionUpdate.objects.create(action=overdue_action, written_on=date(2022, 10, 1),
                                text="Call logging started in two teams.")
    ongoing = Action.objects.create(
        number=2, task="Publish the complaints leaflet in community languages",
        owners="Complaints team", starts_on=date(2022, 5, 1),
        intended_outcome="More people know how to complain", target_text="On-going")
    return {
        "case": case, "costs": costs, "overdue_remedy": overdue_remedy, "undecided": undecided,
        "overdue_enquiry": overdue_enquiry, "answered": answered, "compliments": compliments,
        "overdue_action": overdue_action, "ongoing": ongoing,
    }


# -- Records --------------------------------------------------------------------------


def test_the_records_index_and_every_empty_list_pass_axe(page, live_server, personas):
    sign_in(page, live_server, personas["officer"])
    _visit(page, live_server, "/records/", "Records")
    expect(page.get_by_role("heading", name="Action plan", level=2)).to_be_visible()
    expect(page.get_by_text(re.compile("overdue"))).to_have_count(0)
    assert_no_axe_violations(page)

    for url, heading, empty in LISTS:
        _visit(page, live_server, url, heading)
        expect(page.get_by_role("cell", name=re.compile(re.escape(empty)))).to_be_visible()
        assert_no_axe_violations(page)


def test_every_add_form_passes_axe_empty_and_with_every_error(page, live_server, personas):
    sign_in(page, live_server, personas["officer"])
    for url, heading, messages in ADD_FORMS:
        _visit(page, live_server, url, heading)
        expect(page.locator(".govuk-error-summary")).to_have_count(0)
        assert_no_axe_violations(page)

        page.get_by_role("button", name="Save", exact=True).click()

        summary = error_summary(page)
        expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
        expect(page).to_have_title(re.compile(r"^Error: "))
        for message in messages:
            expect(summary.get_by_role("link", name=message, exact=True)).to_be_visible()
        _heading(page, heading)
        assert_no_axe_violations(page)


def test_the_records_index_and_lists_pass_axe_with_rows_and_overdue_items(
    page, live_server, personas, records
):
    sign_in(page, live_server, personas["officer"])
    _visit(page, live_server, "/records/", "Records")
    for flag in ("1 overdue", "1 remedy overdue"):
        expect(page.get_by_text(flag, exact=True).first).to_be_visible()
    expect(page.locator(".govuk-tag--red")).to_have_count(3)
    assert_no_axe_violations(page)

    # Costs: the year chosen as people do, with the filter.
    _visit(page, live_server, "/costs/", "Costs")
    page.get_by_label("Financial year").select_option(label="2022-23")
    page.get_by_role("button", name="Show this year").click()
    page.wait_for_url(re.compile(r"year=2022"))
    each = page.get_by_role("table", name="Each cost")
    expect(each.get_by_role("row")).to_have_count(3)  # the header and two costs
    expect(each.get_by_role("link", name=records["case"].reference)).to_be_visible()
    totals = page.get_by_role("table", name="Spending by category")
    expect(totals.get_by_role("row", name=re.compile(r"^Total"))).to_contain_text("£1,550.00")
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/ombudsman/{YEAR}", "Ombudsman cases")
    overdue = page.get_by_role("table", name="Remedies overdue (any year)")
    expect(overdue.get_by_role("link", name="22 004 123")).to_be_visible()
    expect(overdue.get_by_text("Overdue", exact=True)).to_be_visible()
    received = page.get_by_role("table", name="Enquiries received")
    expect(received.get_by_role("link", name="22 009 876")).to_be_visible()
    expect(received.get_by_text("Not decided yet")).to_be_visible()
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/members/{YEAR}", "Members' correspondence")
    enquiries = page.get_by_role("table", name="Enquiries received")
    patel = enquiries.get_by_role("row", name=re.compile("Cllr Jo Patel"))
    expect(patel.get_by_text("Overdue", exact=True)).to_be_visible()
    expect(patel.get_by_role("link", name=re.compile("^Record the response"))).to_be_visible()
    okafor = enquiries.get_by_role("row", name=re.compile("Sam Okafor MP"))
    expect(okafor.get_by_text("On time", exact=True)).to_be_visible()
    expect(page.get_by_text("2 enquiries received in 2022-23; 1 answered within target")).to_be_visible()
    # The due dates' explanations open, as people read them.
    explanations = enquiries.locator("summary", has_text="How this date was worked out")
    assert explanations.count() == 2
    for i in range(explanations.count()):
        explanations.nth(i).click()
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/compliments/{YEAR}", "Compliments")
    table = page.get_by_role("table", name="Compliments received")
    expect(table.get_by_text("X listened and kept us informed.")).to_be_visible()
    expect(table.get_by_text("Not for publication")).to_be_visible()
    expect(page.get_by_text("2 compliments received in 2022-23.", exact=False)).to_be_visible()
    assert_no_axe_violations(page)

    _visit(page, live_server, "/action-plan/", "Action plan")
    actions = page.get_by_role("table", name="Actions")
    first = actions.get_by_role("row", name=re.compile("Action 1"))
    expect(first.get_by_text("Overdue", exact=True)).to_be_visible()
    expect(first.get_by_text("In progress", exact=True)).to_be_visible()
    expect(actions.get_by_role("row", name=re.compile("Action 2"))).to_contain_text("On-going")
    assert_no_axe_violations(page)


def test_every_detail_and_change_page_passes_axe(page, live_server, personas, records):
    ombudsman, action = records["overdue_remedy"], records["overdue_action"]
    sign_in(page, live_server, personas["officer"])

    _visit(page, live_server, f"/ombudsman/{ombudsman.pk}/", "22 004 123")
    expect(page.get_by_text("Apology, Payment")).to_be_visible()
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Change the Ombudsman case").click()
    _heading(page, "Change an Ombudsman case")
    expect(page.get_by_label("LGSCO reference")).to_have_value("22 004 123")
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/ombudsman/{records['undecided'].pk}/", "22 009 876")
    expect(page.get_by_text("Not linked to a case")).to_be_visible()
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/costs/{records['costs'][0].pk}/", "Change a cost")
    expect(page.get_by_label("Supplier or invoice number")).to_have_value("INV-0042")
    assert_no_axe_violations(page)

    enquiry = records["overdue_enquiry"]
    _visit(page, live_server, f"/members/{enquiry.pk}/", "Change a members' enquiry")
    expect(page.get_by_label("Member's name")).to_have_value("Cllr Jo Patel")
    page.locator("summary", has_text="How this date was worked out").click()
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/members/{enquiry.pk}/response/", "Record the response")
    expect(page.get_by_text("Respite care for a family", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save", exact=True).click()
    summary = error_summary(page)
    expect(summary.get_by_role("link")).not_to_have_count(0)
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/compliments/{records['compliments'][0].pk}/", "Change a compliment")
    expect(page.get_by_label("They agreed to it being published")).to_be_checked()
    assert_no_axe_violations(page)

    # The action page, with its update form; an empty update goes to the update
    # form's own page, with its errors.
    _visit(page, live_server, f"/action-plan/{action.pk}/", "Action 1 In progress")
    expect(page.get_by_text("Call logging started in two teams.")).to_be_visible()
    expect(page.get_by_role("link", name=records["case"].reference)).to_be_visible()
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add the update").click()
    page.wait_for_url(re.compile(rf"/action-plan/{action.pk}/updates/new/$"))
    summary = error_summary(page)
    expect(summary.get_by_role("link", name="Enter the update", exact=True)).to_be_visible()
    _heading(page, "Add an update")
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/action-plan/{action.pk}/updates/new/", "Add an update")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/action-plan/{action.pk}/change/", "Change an action")
    points = page.get_by_role("group", name="Points of complaint it came from")
    expect(points.get_by_role("checkbox").first).to_be_checked()
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/action-plan/{records['ongoing'].pk}/", "Action 2 Not started")
    expect(page.get_by_text("No updates yet.")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_records_index_and_a_list_with_rows_pass_axe_at_a_phones_width(
    page, live_server, personas, records
):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server, personas["officer"])

    _visit(page, live_server, "/records/", "Records")
    expect(page.get_by_role("link", name="Members' correspondence")).to_be_visible()
    assert_no_axe_violations(page)

    _visit(page, live_server, f"/members/{YEAR}", "Members' correspondence")
    expect(page.get_by_role("row", name=re.compile("Cllr Jo Patel"))).to_be_visible()
    assert_no_axe_violations(page)


# -- Letters --------------------------------------------------------------------------


def test_a_cases_letters_page_passes_axe_before_and_after_generating_a_letter(
    page, live_server, personas, team, record_complaint, tmp_path
):
    case = record_complaint(team=team, received_on=date(2022, 12, 16))
    sign_in(page, live_server, personas["officer"])
    page.goto(f"{live_server.url}/letters/{case.reference}/")

    _heading(page, "Letters")
    expect(page.get_by_text("No letters have been generated for this case.")).to_be_visible()
    expect(page.get_by_text("Cannot be generated yet: the case has no Stage 2 yet.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Generate acknowledgement").click()

    expect(page.get_by_text(re.compile(r"^Acknowledgement generated: "))).to_be_visible()
    letters = page.get_by_role("table", name=f"Letters generated for {case.reference}")
    expect(letters.get_by_role("row")).to_have_count(2)  # the header and the letter
    expect(letters.get_by_role("cell", name="Acknowledgement", exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    link = letters.get_by_role("link", name=re.compile(r"^Download acknowledgement"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"{case.reference}-acknowledgement-")
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as docx:
        assert "word/document.xml" in docx.namelist()
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.headers["content-type"] == DOCX_TYPE


def test_the_letter_templates_pages_pass_axe_with_their_errors(page, live_server, personas):
    sign_in(page, live_server, personas["admin"])
    page.goto(f"{live_server.url}/letter-templates/")

    _heading(page, "Letter templates")
    templates = page.get_by_role("table", name="Letter templates")
    expect(templates.get_by_role("cell", name="Built-in template").first).to_be_visible()
    assert_no_axe_violations(page)

    templates.get_by_role("link", name="Replace the acknowledgement template").click()
    _heading(page, "Replace the template")
    expect(page.get_by_text("In use now: the built-in template.")).to_be_visible()
    expect(page.get_by_role("table", name="Merge fields")).to_be_visible()
    assert_no_axe_violations(page)

    upload = page.get_by_role("button", name="Upload and use this template")
    upload.click()
    summary = error_summary(page)
    expect(summary.get_by_role("link", name="Select a Word document", exact=True)).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_no_axe_violations(page)

    page.get_by_label("Upload a Word document (.docx)").set_input_files(
        {"name": "letter.txt", "mimeType": "text/plain", "buffer": b"not a word document"})
    upload.click()
    page.wait_for_load_state()
    summary = error_summary(page)
    expect(summary.get_by_role("link", name="The selected file must be a Word document (.docx)",
                               exact=True)).to_be_visible()
    assert_no_axe_violations(page)

