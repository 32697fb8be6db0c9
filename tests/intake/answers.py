"""Answers to the public forms, page by page, as a browser posts them, and a
way to go through a form with Django's test client. Shared by the browser tests."""

from django.urls import reverse

from complaints.accounts.models import Team

TEAM = "Intervention and Support Service"


def date_post(name, day, month, year) -> dict:
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def complaint_answers(**changes) -> dict[str, dict]:
    """A parent's complaint about one child, with an email address."""
    answers = {
        "about-you": {"name": "Sam Taylor", "relationship": "parent"},
        "children": {"child_1_name": "Alex Taylor", **date_post("child_1_date_of_birth", 31, 3, 2012)},
        "what-happened": {"summary": "Nobody returned my calls about Alex's plan for six weeks."},
        "what-you-want": {"desired_outcome": "A meeting with the team manager."},
        "team": {"team": str(Team.objects.get(name=TEAM).pk)},
        "contact": {"email": "sam@example.com", "phone": "", "address": ""},
        "help": {"help": ["interpreter"], "details": "Polish"},
        "documents": {},
        "equality": {},
    }
    return {**answers, **changes}


def young_person_answers(**changes) -> dict[str, dict]:
    answers = {
        "name": {"name": "Jo Green"},
        "birthday": date_post("date_of_birth", 4, 5, 2010),
        "what-is-wrong": {"summary": "My social worker keeps changing and nobody tells me."},
        "what-would-help": {"desired_outcome": "One worker who stays."},
        "advocate": {"advocate": "yes"},
        "contact": {"email": "jo@example.com", "phone": ""},
        "help": {"support_needs": ""},
        "equality": {},
    }
    return {**answers, **changes}


def compliment_answers(**changes) -> dict[str, dict]:
    answers = {
        "team": {"team": str(Team.objects.get(name="Fostering").pk)},
        "who-you-are": {"given_by": "carer"},
        "your-words": {"words": "Teju listened and helped us every week."},
        "sharing": {"consent": "yes"},
    }
    return {**answers, **changes}


def step_url(journey, step):
    return reverse("intake_step", args=[journey, step])


def answer(client, journey, answers: dict[str, dict]):
    """Answer each page in order, as a browser would (GET, then POST)."""
    for step, data in answers.items():
        url = step_url(journey, step)
        assert client.get(url).status_code == 200, step
        response = client.post(url, data)
        assert response.status_code == 302, (step, _errors(response))


def fill(client, journey, answers: dict[str, dict]):
    """Answer every page, and return the "Check your answers" page."""
    answer(client, journey, answers)
    response = client.get(reverse("intake_check", args=[journey]))
    assert response.status_code == 200
    return response


def send(client, journey):
    """Press the send button on "Check your answers"; return the confirmation page."""
    response = client.post(reverse("intake_check", args=[journey]), {}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("intake_sent", args=[journey]), _errors(response)
    return response


def _errors(response):
    form = (response.context or {}).get("form") if hasattr(response, "context") else None
    return form.errors if form is not None else response.status_code
