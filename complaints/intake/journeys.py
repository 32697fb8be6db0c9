"""The three public forms, each a journey of question pages, and how each
one's answers become what complaints.intake.services records."""

from complaints.casework.models import Complainant
from complaints.intake import forms, services
from complaints.intake.models import PublicSubmission
from complaints.intake.wizard import Journey, Step


def _answers(wizard) -> dict[str, forms.QuestionForm]:
    return {step.slug: form for step, form in wizard.answered()}


def _equality(answers) -> list[dict | None]:
    equality = answers.get("equality")
    return equality.monitoring() if equality else []


def send_complaint(wizard, address):
    a = _answers(wizard)
    contact = a["contact"].cleaned_data
    return services.send_complaint(services.PublicComplaint(
        form=PublicSubmission.Form.COMPLAINT,
        name=a["about-you"].cleaned_data["name"],
        relationship=a["about-you"].cleaned_data["relationship"],
        children=a["children"].children(),
        summary=a["what-happened"].cleaned_data["summary"],
        desired_outcome=a["what-you-want"].cleaned_data["desired_outcome"],
        team=a["team"].cleaned_data["team"],
        email=contact["email"], phone=contact["phone"], address=contact["address"],
        support_needs=a["help"].support_needs() if "help" in a else "",
        monitoring=_equality(a),
        files=wizard.uploads(),
    ), token=wizard.token, address=address)


def send_young_person_complaint(wizard, address):
    a = _answers(wizard)
    name = a["name"].cleaned_data["name"]
    contact = a["contact"].cleaned_data
    return services.send_complaint(services.PublicComplaint(
        form=PublicSubmission.Form.YOUNG_PERSON,
        name=name,
        relationship=Complainant.Relationship.YOUNG_PERSON,
        # The young person is the child the complaint is about.
        children=[{"name": name, "date_of_birth": a["birthday"].cleaned_data["date_of_birth"]}],
        summary=a["what-is-wrong"].cleaned_data["summary"],
        desired_outcome=a["what-would-help"].cleaned_data["desired_outcome"],
        email=contact["email"], phone=contact["phone"],
        support_needs=a["help"].cleaned_data["support_needs"] if "help" in a else "",
        monitoring=_equality(a),
        advocate_offered=True,
        advocate_accepted=a["advocate"].accepted(),
    ), token=wizard.token, address=address)


def send_compliment(wizard, address):
    a = _answers(wizard)
    return services.send_compliment(
        token=wizard.token, address=address,
        team=a["team"].cleaned_data["team"],
        given_by=a["who-you-are"].cleaned_data["given_by"],
        words=a["your-words"].cleaned_data["words"],
        consent=a["sharing"].cleaned_data["consent"] == "yes",
    )


COMPLAINT = Journey(
    slug="complaint",
    service_name="Make a complaint about children’s services",
    steps=(
        Step("about-you", forms.AboutYouForm),
        Step("children", forms.ChildrenForm),
        Step("what-happened", forms.WhatHappenedForm),
        Step("what-you-want", forms.OutcomeForm),
        Step("team", forms.TeamForm),
        Step("contact", forms.AdultContactForm),
        Step("help", forms.HelpForm),
        Step("documents", forms.DocumentsForm),
        Step("equality", forms.AdultEqualityForm),
    ),
    send=send_complaint,
    start_template="intake/start_complaint.html",
    sent_template="intake/sent_complaint.html",
    send_label="Send complaint",
)

YOUNG_PERSON = Journey(
    slug="young-people",
    service_name="Tell us what is wrong",
    steps=(
        Step("name", forms.YoungNameForm),
        Step("birthday", forms.YoungBirthdayForm),
        Step("what-is-wrong", forms.YoungWhatForm),
        Step("what-would-help", forms.YoungBetterForm),
        Step("advocate", forms.YoungAdvocateForm),
        Step("contact", forms.YoungContactForm),
        Step("help", forms.YoungHelpForm),
        Step("equality", forms.YoungEqualityForm),
    ),
    send=send_young_person_complaint,
    start_template="intake/start_young_people.html",
    sent_template="intake/sent_young_people.html",
    check_title="Check what you told us",
    send_label="Send it",
    young=True,
)

COMPLIMENT = Journey(
    slug="compliment",
    service_name="Send a compliment to children’s services",
    steps=(
        Step("team", forms.ComplimentTeamForm),
        Step("who-you-are", forms.ComplimentWhoForm),
        Step("your-words", forms.ComplimentWordsForm),
        Step("sharing", forms.ComplimentConsentForm),
    ),
    send=send_compliment,
    start_template="intake/start_compliment.html",
    sent_template="intake/sent_compliment.html",
    send_label="Send compliment",
)

JOURNEYS = {journey.slug: journey for journey in (COMPLAINT, YOUNG_PERSON, COMPLIMENT)}
