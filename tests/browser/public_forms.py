"""Going through the public forms in Chromium as a person would: by the
labels they read, with a mouse or with the keyboard alone, with or without
JavaScript, making each kind of mistake first when asked to.

``on_page(page)`` is called on every page shown (axe-core runs there).
"""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.helpers import error_summary

LONDON = ZoneInfo("Europe/London")
# Fri 16 Dec 2022: the reply is due Wed 4 Jan 2023 (10 working days, skipping
# Christmas, Boxing Day, the substitute day for Christmas and 2 January).
FRIDAY = datetime(2022, 12, 16, 11, tzinfo=LONDON)
REPLY_BY = "Wednesday 4 January 2023"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _nothing(page):
    pass


def press(page, name, on_page=_nothing):
    """Click a button (or a link styled as one) and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).or_(
            page.get_by_role("link", name=name, exact=True)).first.click()
    on_page(page)


def mistake(page, on_page, *messages):
    """Send the page as it is and expect GOV.UK errors saying ``messages``."""
    press(page, "Continue")
    summary = error_summary(page)
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: ")
    on_page(page)


def type_date(scope, legend, day, month, year):
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def start(page, live_server, journey, on_page=_nothing):
    page.goto(f"{live_server.url}/{journey}/")
    on_page(page)
    press(page, "Start" if journey == "young-people" else "Start now", on_page)


def complaint(page, *, mistakes=False, on_page=_nothing, files: list[Path] = ()):
    """An adult's complaint, from the first question to the confirmation."""
    if mistakes:
        mistake(page, on_page, "Enter your full name", "Select your relationship to the child")
    page.get_by_label("Full name").fill("Sam Taylor")
    page.get_by_label("Parent, or someone with parental responsibility").check()
    press(page, "Continue", on_page)

    child = page.get_by_role("group", name="Child 1")
    child.get_by_label("Full name").fill("Alex Taylor")
    if mistakes:
        type_date(child, "Date of birth", 31, 2, 2012)
        mistake(page, on_page, "Date of birth must be a real date")
    type_date(child, "Date of birth", 31, 3, 2012)
    press(page, "Continue", on_page)

    if mistakes:
        page.get_by_label("What happened?").fill("x" * 10_001)
        mistake(page, on_page, "What happened must be 10,000 characters or less")
    page.get_by_label("What happened?").fill("Nobody returned my calls about the plan.")
    press(page, "Continue", on_page)

    page.get_by_label("What would you like to happen?").fill("A meeting with the manager.")
    press(page, "Continue", on_page)

    if mistakes:
        mistake(page, on_page, "Select the team, or ‘I do not know’")
    page.get_by_label("Intervention and Support Service").check()
    press(page, "Continue", on_page)

    if mistakes:
        mistake(page, on_page, "Enter an email address, a phone number or a postal address")
        page.get_by_label("Email address").fill("sam at example")
        page.get_by_label("Phone number").fill("call me")
        mistake(page, on_page, "Enter an email address in the correct format",
                "Enter a phone number, like")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_label("Phone number").fill("")
    press(page, "Continue", on_page)

    if mistakes:
        page.get_by_label("An interpreter").check()
        mistake(page, on_page, "Enter the language you need an interpreter for")
        page.get_by_label("Tell us more").fill("Polish")
    press(page, "Continue", on_page)

    upload = page.get_by_label("Upload files")
    if mistakes:
        upload.set_input_files(files=[{"name": "notes.pdf", "mimeType": "application/pdf",
                                       "buffer": b"not really a PDF"}])
        mistake(page, on_page, "notes.pdf must be a PDF, JPG, PNG, GIF or Word document")
    if files:
        upload.set_input_files([str(f) for f in files])
        press(page, "Add these files and choose more", on_page)
        added = page.get_by_role("heading", name="Files you have added")
        expect(added).to_be_visible()
        for f in files:
            expect(page.get_by_role("button", name=f"Remove {f.name}")).to_be_visible()
    press(page, "Continue", on_page)

    equality = page.get_by_role("group", name=re.compile("Alex Taylor’s disability"))
    if mistakes:
        equality.get_by_label("No disability").check()
        equality.get_by_label("Learning").check()
        mistake(page, on_page, "Select ‘No disability’ on its own")
        equality.get_by_label("Learning").uncheck()
    page.get_by_role("group", name=re.compile("Alex Taylor’s gender")).get_by_label(
        "Prefer not to say").check()
    press(page, "Continue", on_page)

    expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
    press(page, "Send complaint", on_page)


def young_person(page, *, mistakes=False, on_page=_nothing):
    if mistakes:
        mistake(page, on_page, "Tell us your name")
    page.get_by_label("What is your name?").fill("Jo Green")
    press(page, "Continue", on_page)

    if mistakes:
        type_date(page, "When were you born?", 4, 13, 2010)
        mistake(page, on_page, "The date you were born must be a real date")
    type_date(page, "When were you born?", 4, 5, 2010)
    press(page, "Continue", on_page)

    if mistakes:
        mistake(page, on_page, "Tell us what is wrong")
    page.get_by_label("What is wrong?").fill("My social worker keeps changing.")
    press(page, "Continue", on_page)

    press(page, "Continue", on_page)  # "What would make it better?" may be left empty

    if mistakes:
        mistake(page, on_page, "Choose yes, no or not sure")
    page.get_by_label("Yes, please").check()
    press(page, "Continue", on_page)

    if mistakes:
        page.get_by_label("Email address").fill("jo at home")
        mistake(page, on_page, "Type an email like name@example.com")
    page.get_by_label("Email address").fill("jo@example.com")
    press(page, "Continue", on_page)

    press(page, "Continue", on_page)  # help
    page.get_by_label("Girl").check()
    press(page, "Continue", on_page)

    expect(page.get_by_role("heading", name="Check what you told us")).to_be_visible()
    press(page, "Send it", on_page)


def compliment(page, *, mistakes=False, on_page=_nothing):
    if mistakes:
        mistake(page, on_page, "Select the team, or ‘I do not know’")
    page.get_by_label("Fostering").check()
    press(page, "Continue", on_page)

    if mistakes:
        mistake(page, on_page, "Select who you are")
    page.get_by_label("A carer").check()
    press(page, "Continue", on_page)

    if mistakes:
        mistake(page, on_page, "Enter what you would like to say")
    page.get_by_label("What would you like to say?").fill("Teju listened to us every week.")
    press(page, "Continue", on_page)

    if mistakes:
        mistake(page, on_page, "Select yes if we may share your words")
    page.get_by_label("Yes", exact=True).check()
    press(page, "Continue", on_page)

    press(page, "Send compliment", on_page)


def reference(page) -> str:
    """The case reference on a confirmation page."""
    panel = page.locator(".govuk-panel__body strong")
    return panel.inner_text().strip()


# -- The keyboard alone ---------------------------------------------------------------


def tab_to(page, target, most=120):
    """Press Tab until ``target`` has focus. For a radio, any radio of its
    group will do (only one of them is in the tab order): arrows move on."""
    handle = target.element_handle()
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(
            """el => document.activeElement === el || (el.type === 'radio' &&
                document.activeElement.type === 'radio' && document.activeElement.name === el.name)""",
            handle,
        ):
            return
    raise AssertionError(f"Tab never reached {target}")


def key_in(page, target, text):
    tab_to(page, target)
    page.keyboard.type(text)


def choose(page, radio):
    """Select a radio with the keyboard: Tab to its group, arrows to it."""
    tab_to(page, radio)
    for _ in range(20):
        if radio.is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"The arrow keys never reached {radio}")


def tick(page, checkbox):
    tab_to(page, checkbox)
    page.keyboard.press("Space")


def enter(page, control):
    """Tab to a button or link and press Enter; wait for the next page."""
    tab_to(page, control)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def keyboard_start(page, live_server, journey):
    page.goto(f"{live_server.url}/{journey}/")
    # GOV.UK's start button is a link with role="button".
    enter(page, button(page, "Start" if journey == "young-people" else "Start now"))


def keyboard_complaint(page):
    key_in(page, page.get_by_label("Full name"), "Sam Taylor")
    choose(page, page.get_by_label("Foster carer"))
    enter(page, button(page, "Continue"))
    child = page.get_by_role("group", name="Child 1")
    key_in(page, child.get_by_label("Full name"), "Alex Taylor")
    enter(page, button(page, "Continue"))
    key_in(page, page.get_by_label("What happened?"), "Nobody returned my calls.")
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Continue"))
    choose(page, page.get_by_label("I do not know"))
    enter(page, button(page, "Continue"))
    key_in(page, page.get_by_label("Phone number"), "07700 900982")
    enter(page, button(page, "Continue"))
    tick(page, page.get_by_label("An advocate"))
    enter(page, button(page, "Continue"))
    enter(page, page.get_by_role("link", name="Continue without sending files"))
    enter(page, page.get_by_role("link", name="Skip these questions"))
    enter(page, button(page, "Send complaint"))


def keyboard_young_person(page):
    key_in(page, page.get_by_label("What is your name?"), "Jo Green")
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Continue"))
    key_in(page, page.get_by_label("What is wrong?"), "Nobody listens to me.")
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Continue"))
    choose(page, page.get_by_label("I am not sure"))
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Continue"))
    ethnic_group = page.get_by_label("What is your ethnic group?")
    key_in(page, ethnic_group, "Prefer")  # a closed <select> picks the option typed
    assert ethnic_group.locator("option:checked").inner_text() == "Prefer not to say"
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Send it"))


def keyboard_compliment(page):
    choose(page, page.get_by_label("Care Resources"))
    enter(page, button(page, "Continue"))
    choose(page, page.get_by_label("A child or young person"))
    enter(page, button(page, "Continue"))
    key_in(page, page.get_by_label("What would you like to say?"), "Thank you.")
    enter(page, button(page, "Continue"))
    choose(page, page.get_by_label("No", exact=True))
    enter(page, button(page, "Continue"))
    enter(page, button(page, "Send compliment"))
