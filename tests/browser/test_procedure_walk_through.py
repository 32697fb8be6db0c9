"""An officer walks a complaint through the procedure in the browser, and the
case page shows the right due date at every step.

A statutory complaint goes from receipt to the council's response to a Stage 3
review panel; a corporate one through its two stages. Every date was worked
out with the working-day engine (complaints.workdays) and checked by hand
against the bank holidays it skips. axe-core checks every page visited: each
form, each refusal and the case page after each step.
"""

from contextlib import contextmanager
from datetime import date

from playwright.sync_api import expect

from complaints.casework.models import Appointee, Case
from tests.browser.helpers import (
    assert_no_axe_violations,
    due_dates,
    error_summary,
    explanation,
    fill_date,
    next_steps,
    sign_in,
    stage_summary,
    summary_value,
    timeline,
)

# What the case page still offers once the last stage has been answered.
AFTER_THE_LAST_STAGE = ["Record advocacy", "Add a remedy", "Record learning"]


def record_in_browser(page, live_server, *, procedure, received_on, points):
    """Record a complaint through the "Record a complaint" form; ``points`` are
    (summary, theme) pairs. Leaves the browser on the new case's page."""
    page.goto(f"{live_server.url}/cases/new/")
    assert_no_axe_violations(page)
    form = page.locator("main form")
    form.get_by_role("radio", name="Complaint", exact=True).check()
    form.get_by_role("radio", name=procedure, exact=True).check()
    fill_date(form, "Date received", received_on)
    form.get_by_label("How it was received").select_option(label="Email")
    form.get_by_label("Team it is about (optional)").select_option(
        label="Intervention and Support Service")
    form.get_by_label("What happened").fill("Nobody returned Ms Taylor's calls about the plan.")
    form.get_by_label("Full name", exact=True).fill("Sam Taylor")
    form.get_by_role("radio", name="Parent or person with parental responsibility").check()
    form.get_by_role("group", name="Child 1").get_by_label("Child's full name").fill("Alex Taylor")
    for number, (summary, theme) in enumerate(points, 1):
        point = form.get_by_role("group", name=f"Point {number}")
        point.get_by_label("What the point is about").fill(summary)
        point.get_by_label("Theme").select_option(label=theme)
    with page.expect_navigation():
        form.get_by_role("button", name="Record it").click()
    case = Case.objects.get(received_on=received_on)
    expect(page.get_by_role("alert").get_by_text(f"Complaint {case.reference} recorded")).to_be_visible()
    assert_no_axe_violations(page)
    return case


def save(page):
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Save", exact=True).click()


@contextmanager
def step(page, title, success):
    """One step from the case page's "What to do next" list: follow the link
    ``title``, hand over its form to fill in, save it and check the case page
    says ``success``. axe-core checks the form and the case page."""
    case_url = page.url
    assert title in next_steps(page), f"{title!r} not offered: {next_steps(page)}"
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_no_axe_violations(page)
    yield page.locator("main form")
    save(page)
    assert page.url == case_url, page.url
    expect(page.get_by_role("alert").get_by_text(success, exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def refused(page, message):
    """Save the form and check it comes back with ``message`` in the GOV.UK
    error summary, and nothing saved: the case's version has not moved."""
    url = page.url
    case = Case.objects.get(reference=url.rstrip("/").split("/")[-2])
    save(page)
    assert page.url == url
    assert Case.objects.get(pk=case.pk).version == case.version
    assert page.title().startswith("Error: ")
    expect(error_summary(page)).to_contain_text(message)
    assert_no_axe_violations(page)


def give_findings(form, findings):
    for number, finding in enumerate(findings, 1):
        form.get_by_role("group", name=f"Point {number}:").get_by_role(
            "radio", name=finding, exact=True).check()


def acknowledge(page, stage, on, how):
    with step(page, f"Record the Stage {stage} acknowledgement", "Acknowledgement recorded") as form:
        fill_date(form, "Date acknowledged", on)
        form.get_by_role("radio", name=how, exact=True).check()


def respond(page, stage, on, findings, outcome):
    """Answer Stage 1 or 2 with a finding on each point; the stage's outcome
    follows from them."""
    with step(page, f"Record the Stage {stage} response", "Response recorded") as form:
        fill_date(form, "Date of the response", on)
        give_findings(form, findings)
    assert summary_value(stage_summary(page, stage), f"Stage {stage} outcome") == outcome


def request_stage(page, stage, on):
    with step(page, f"Record a Stage {stage} request", f"Stage {stage} request recorded") as form:
        fill_date(form, "Date of the request", on)


def fill_extension(form, *, new_due, why, reason, told_on):
    fill_date(form, "New due date", new_due)
    form.get_by_role("radio", name=why, exact=True).check()
    form.get_by_label("Reason for the extension").fill(reason)
    fill_date(form, "Date the complainant was told", told_on)


def test_a_statutory_complaint_from_receipt_to_the_response_to_the_review_panel(
    page, live_server, personas
):
    Appointee.objects.create(name="Cllr Pat Morgan", council_member=True)
    for name in ("Ruth Adebayo", "Alan Price", "Bea Okafor", "Carl Jensen", "Dee Walsh"):
        Appointee.objects.create(name=name, organisation="Independent")
    sign_in(page, live_server, personas["officer"])

    # Received Fri 9 Sep 2022. Acknowledged within 3 working days; answered
    # within 10, not counting Mon 19 Sep, the State Funeral.
    case = record_in_browser(
        page, live_server, procedure="Statutory (Children Act 1989)", received_on=date(2022, 9, 9),
        points=[("Calls not returned", "Lack of communication"),
                ("The plan was not reviewed", "Delay in providing a service")])
    dates = {1: {"Acknowledgement": "Due Wed 14 Sep 2022", "Response": "Due Mon 26 Sep 2022"}}
    assert due_dates(page) == dates

    acknowledge(page, 1, date(2022, 9, 12), "Email")
    dates[1]["Acknowledgement"] = "Due Wed 14 Sep 2022. Sent Mon 12 Sep 2022"
    assert due_dates(page) == dates

    with step(page, "Record advocacy", "Advocacy recorded") as form:
        fill_date(form, "Date an advocate was offered", date(2022, 9, 12))
        form.get_by_role("group", name="Was the offer accepted?").get_by_role(
            "radio", name="Yes", exact=True).check()
        form.get_by_label("An advocate was provided").check()
        form.get_by_label("Advocacy provider").fill("Coram Voice")
    the_case = page.get_by_role("heading", name="The case", exact=True).locator(
        "xpath=following-sibling::dl[1]")
    assert summary_value(the_case, "Advocacy") == (
        "Offered 12 September 2022; accepted; provided by Coram Voice")
    assert due_dates(page) == dates

    # Extended to arrange the advocate: to the most Stage 1 allows, 20 working
    # days from receipt.
    with step(page, "Extend Stage 1", "Stage extended") as form:
        fill_extension(form, new_due=date(2022, 10, 10), why="To arrange an advocate",
                       reason="Ms Taylor wants an advocate at the meeting.",
                       told_on=date(2022, 9, 22))
    dates[1]["Response"] = "Due Mon 10 Oct 2022"
    assert due_dates(page) == dates
    assert summary_value(stage_summary(page, 1), "Extension") == (
        "To arrange an advocate: Ms Taylor wants an advocate at the meeting. "
        "Complainant told Thu 22 Sep 2022.")

    respond(page, 1, date(2022, 10, 4), ["Upheld", "Not upheld"], "Partially upheld")
    dates[1]["Response"] = "Due Mon 10 Oct 2022. Sent Tue 4 Oct 2022"
    assert due_dates(page) == dates

    # Stage 2: 25 working days from the request.
    request_stage(page, 2, date(2022, 10, 10))
    dates[2] = {"Response": "Due Mon 14 Nov 2022"}
    assert due_dates(page) == dates
    assert summary_value(stage_summary(page, 2), "Requested") == "Mon 10 Oct 2022"

    with step(page, "Appoint the Stage 2 investigation", "Stage 2 appointments recorded") as form:
        form.get_by_label("Investigating officer", exact=True).fill("Jo Bloggs")
        form.get_by_role("radio", name="External", exact=True).check()
        form.get_by_label("Independent person").select_option(label="Cllr Pat Morgan")
        form.get_by_label("Adjudicating officer").fill("Director of Children's Services")
        refused(page, "Cllr Pat Morgan cannot be the independent person: they are a member of the council")
        form.get_by_label("Independent person").select_option(label="Ruth Adebayo")
    stage_two = stage_summary(page, 2)
    assert summary_value(stage_two, "Investigating officer") == "Jo Bloggs (external)"
    assert summary_value(stage_two, "Independent person") == "Ruth Adebayo"
    assert due_dates(page) == dates

    # At most 65 working days from the request: Thu 12 Jan 2023, across
    # Christmas and the substitute days for Christmas Day and New Year's Day.
    with step(page, "Extend Stage 2", "Stage extended") as form:
        fill_extension(form, new_due=date(2023, 1, 13), why="The complaint is complex",
                       reason="The investigating officer must see three teams' records.",
                       told_on=date(2022, 11, 4))
        refused(page, "Stage 2 response (statutory) can be extended to at most 65 working days "
                      "from the Stage 2 request, not 66.")
        fill_date(form, "New due date", date(2023, 1, 12))
    dates[2]["Response"] = "Due Thu 12 Jan 2023"
    assert due_dates(page) == dates
    why = explanation(stage_summary(page, 2), "Response")
    assert "65 working days from the Stage 2 request (extended from 25; the maximum is 65)" in why
    assert "Tue 27 Dec (Bank holiday: Christmas Day (substitute day))" in why

    respond(page, 2, date(2022, 11, 25), ["Upheld", "Partially upheld"], "Partially upheld")
    dates[2]["Response"] = "Due Thu 12 Jan 2023. Sent Fri 25 Nov 2022"
    assert due_dates(page) == dates

    # Stage 3: the panel meets within 30 working days of the request, reports
    # within 5 of meeting, and the council responds within 15 of the report.
    request_stage(page, 3, date(2022, 12, 1))
    dates[3] = {"Panel meeting": "Due Tue 17 Jan 2023"}
    assert due_dates(page) == dates

    with step(page, "Choose the review panel", "Review panel recorded") as form:
        members = form.get_by_role("group", name="Panel members")
        for name in ("Alan Price", "Bea Okafor", "Carl Jensen"):
            members.get_by_role("checkbox", name=name, exact=True).check()
        form.get_by_role("group", name="Chair").get_by_role("radio", name="Bea Okafor").check()
    assert summary_value(stage_summary(page, 3), "Panel") == "Bea Okafor (chair), Alan Price, Carl Jensen"
    assert due_dates(page) == dates

    with step(page, "Record the review panel meeting", "Panel meeting recorded") as form:
        fill_date(form, "Date the panel met", date(2023, 1, 10))
        give_findings(form, ["Upheld", "Not upheld"])
    dates[3] = {"Panel meeting": "Due Tue 17 Jan 2023. Met Tue 10 Jan 2023",
                "Panel report": "Due Tue 17 Jan 2023"}
    assert due_dates(page) == dates

    with step(page, "Record the panel's report", "Panel report recorded") as form:
        fill_date(form, "Date of the panel's report", date(2023, 1, 16))
    dates[3]["Panel report"] = "Due Tue 17 Jan 2023. Issued Mon 16 Jan 2023"
    dates[3]["Council's response to the panel"] = "Due Mon 6 Feb 2023"
    assert due_dates(page) == dates

    with step(page, "Record the council's response to the panel", "Council's response recorded") as form:
        fill_date(form, "Date of the council's response", date(2023, 2, 3))
    dates[3]["Council's response to the panel"] = "Due Mon 6 Feb 2023. Sent Fri 3 Feb 2023"
    assert due_dates(page) == dates
    assert summary_value(stage_summary(page, 3), "Stage 3 outcome") == "Partially upheld"
    assert summary_value(the_case, "Outcome") == "Partially upheld"
    assert next_steps(page) == AFTER_THE_LAST_STAGE
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Case.Status.CLOSED, Case.Outcome.PARTIALLY_UPHELD)
    assert timeline(page) == [
        "Complaint recorded, received Fri 9 Sep 2022 by email.",
        "Stage 1 opened. Acknowledgement due Wed 14 Sep 2022; response due Mon 26 Sep 2022.",
        "Stage 1 acknowledged by email on Mon 12 Sep 2022. Response due Mon 26 Sep 2022.",
        "Advocate offered Mon 12 Sep 2022: accepted; provided by Coram Voice.",
        ("Stage 1 extended to Mon 10 Oct 2022 (to arrange an advocate): Ms Taylor wants an "
        "advocate at the meeting. Complainant told Thu 22 Sep 2022."),
        ("Stage 1 response sent Tue 4 Oct 2022, within the due date Mon 10 Oct 2022. "
        "Outcome: partially upheld."),
        "Stage 2 opened. Response due Mon 14 Nov 2022.",
        ("Stage 2 appointed: investigating officer Jo Bloggs (external), independent person "
        "Ruth Adebayo, adjudicating officer Director of Children's Services."),
        ("Stage 2 extended to Thu 12 Jan 2023 (the complaint is complex): The investigating "
        "officer must see three teams' records. Complainant told Fri 4 Nov 2022."),
        ("Stage 2 response sent Fri 25 Nov 2022, within the due date Thu 12 Jan 2023. "
        "Outcome: partially upheld."),
        "Stage 3 opened. Panel meeting due Tue 17 Jan 2023.",
        "Review panel: Bea Okafor (chair), Alan Price and Carl Jensen.",
        ("Review panel met Tue 10 Jan 2023, within the due date Tue 17 Jan 2023. "
        "Report due Tue 17 Jan 2023."),
        ("Panel report issued Mon 16 Jan 2023, within the due date Tue 17 Jan 2023. "
        "Council's response due Mon 6 Feb 2023."),
        ("Council's response to the panel sent Fri 3 Feb 2023, within the due date "
        "Mon 6 Feb 2023. Outcome: partially upheld."),
    ]


def test_a_corporate_complaint_through_its_two_stages(page, live_server, personas):
    sign_in(page, live_server, personas["officer"])

    # Received Mon 3 Apr 2023: acknowledged within 5 working days, skipping
    # Good Friday and Easter Monday; answered within 10 of the acknowledgement
    # (until it is sent, of the day it is due).
    record_in_browser(
        page, live_server, procedure="Corporate", received_on=date(2023, 4, 3),
        points=[("The social worker was rude", "Attitude or behaviour of staff"),
                ("Letters went to the wrong address", "Inaccurate information given or recorded")])
    dates = {1: {"Acknowledgement": "Due Wed 12 Apr 2023", "Response": "Due Wed 26 Apr 2023"}}
    assert due_dates(page) == dates
    why = explanation(stage_summary(page, 1), "Acknowledgement")
    assert "Skipped Fri 7 Apr (Good Friday)" in why
    assert "Mon 10 Apr (Bank holiday: Easter Monday)" in why

    acknowledge(page, 1, date(2023, 4, 11), "Letter")
    dates[1] = {"Acknowledgement": "Due Wed 12 Apr 2023. Sent Tue 11 Apr 2023",
                "Response": "Due Tue 25 Apr 2023"}
    assert due_dates(page) == dates
    assert explanation(stage_summary(page, 1), "Response").startswith(
        "Acknowledged Tue 11 Apr 2023. Stage 1 response (corporate): 10 working days from "
        "acknowledgement.")

    respond(page, 1, date(2023, 4, 24), ["Upheld", "Upheld"], "Upheld")
    dates[1]["Response"] = "Due Tue 25 Apr 2023. Sent Mon 24 Apr 2023"
    assert due_dates(page) == dates

    # Stage 2: acknowledged within 5 working days of the request (skipping the
    # Coronation bank holiday, Mon 8 May), answered within 20 of the
    # acknowledgement (skipping the Spring bank holiday, Mon 29 May).
    request_stage(page, 2, date(2023, 5, 2))
    dates[2] = {"Acknowledgement": "Due Wed 10 May 2023", "Response": "Due Thu 8 Jun 2023"}
    assert due_dates(page) == dates

    acknowledge(page, 2, date(2023, 5, 4), "Email")
    dates[2] = {"Acknowledgement": "Due Wed 10 May 2023. Sent Thu 4 May 2023",
                "Response": "Due Mon 5 Jun 2023"}
    assert due_dates(page) == dates

    with step(page, "Appoint the Stage 2 investigation", "Stage 2 appointments recorded") as form:
        form.get_by_label("Investigating officer", exact=True).fill("Lee Harris")
        form.get_by_role("radio", name="Internal (not involved in the case)").check()
    assert summary_value(stage_summary(page, 2), "Investigating officer") == (
        "Lee Harris (internal)")
    assert due_dates(page) == dates

    respond(page, 2, date(2023, 6, 2), ["Not upheld", "Not upheld"], "Not upheld")
    dates[2]["Response"] = "Due Mon 5 Jun 2023. Sent Fri 2 Jun 2023"
    assert due_dates(page) == dates

    # The corporate procedure ends at Stage 2: no Stage 3 request is offered.
    assert next_steps(page) == AFTER_THE_LAST_STAGE
    assert timeline(page)[-1] == (
        "Stage 2 response sent Fri 2 Jun 2023, within the due date Mon 5 Jun 2023. "
        "Outcome: not upheld.")
