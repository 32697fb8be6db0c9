"""One mechanism for the three public forms: a journey of question pages whose
answers wait in the session until "Check your answers" sends them.

A ``Journey`` lists its ``Step``s (a URL slug and a QuestionForm each) and the
function that sends the answers. A ``Wizard`` is one person's progress through
a journey, kept in their session under ``intake:<journey slug>``::

    {"token": "…", "answers": {"about-you": {"name": ["Sam Taylor"], …}, …},
     "uploads": [{"path": "uploads/…", "name": "letter.pdf", …}]}

Answers are kept as they were posted and checked again, page by page, before
anything is sent, so a page changed after a later one was answered cannot
leave the two disagreeing. When the answers have been sent the state becomes
``{"sent": token}``, which the confirmation page reads.

No JavaScript is needed: every page is a form that posts and redirects.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from complaints.intake import limits
from complaints.intake.forms import QuestionForm
from complaints.intake.uploads import StoredFile, discard


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[QuestionForm]

    @property
    def optional(self) -> bool:
        return self.form.optional


@dataclass(frozen=True)
class Journey:
    """A public form: its address, pages, and what sending it does.

    ``send(wizard, address)`` records what the answers describe and returns
    the PublicSubmission; it may raise limits.RateLimited.
    """

    slug: str
    service_name: str
    steps: tuple[Step, ...]
    send: Callable
    start_template: str
    sent_template: str
    check_title: str = "Check your answers before sending"
    send_label: str = "Send"
    young: bool = False
    _by_slug: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_slug", {step.slug: step for step in self.steps})

    def step(self, slug: str) -> Step | None:
        return self._by_slug.get(slug)

    def url(self, what: str, slug: str | None = None) -> str:
        """The URL of the journey's "start", "check" or "sent" page, or of a "step"."""
        if what == "step":
            return reverse("intake_step", args=[self.slug, slug])
        return reverse(f"intake_{what}", args=[self.slug])

    @property
    def check_url(self) -> str:
        return self.url("check")


class Wizard:
    """One person's answers to one journey, in their session."""

    def __init__(self, request, journey: Journey, address: str | None = None):
        self.request = request
        self.journey = journey
        # The sender's network address, which the limits are counted against.
        self.address = address
        self.key = f"intake:{journey.slug}"
        self._forms: dict[str, QuestionForm] = {}
        # Set by the view from the request's LimitedUploadHandler, for DocumentsForm.
        self.upload_limits = None

    # -- State ------------------------------------------------------------------------

    @property
    def state(self) -> dict | None:
        return self.request.session.get(self.key)

    @property
    def started(self) -> bool:
        return bool(self.state and "token" in self.state)

    def start(self) -> None:
        self.request.session[self.key] = {"token": uuid.uuid4().hex, "answers": {}, "uploads": []}
        self._forms.clear()

    @property
    def token(self) -> str:
        return self.state["token"]

    @property
    def sent_token(self) -> str | None:
        return (self.state or {}).get("sent")

    def finish(self, token: str) -> None:
        """The answers were sent: forget them, remember what they became."""
        self.request.session[self.key] = {"sent": token}
        self._forms.clear()

    def _changed(self) -> None:
        self.request.session.modified = True
        self._forms.clear()

    # -- Pages and answers ------------------------------------------------------------

    def form(self, step: Step, data=None, files=None) -> QuestionForm:
        return step.form(data, files, wizard=self)

    def stored_form(self, step: Step) -> QuestionForm:
        """The page with the answers kept for it (unbound if none yet)."""
        stored = self.state["answers"].get(step.slug) if self.started else None
        if stored is None:
            return self.form(step)
        return self.form(step, MultiValueDict(stored))

    def form_for(self, slug: str) -> QuestionForm | None:
        """The kept answers of a page, checked (None if it was not answered
        or its answers are no longer valid). Cached for the request."""
        if slug not in self._forms:
            form = self.stored_form(self.journey.step(slug))
            self._forms[slug] = form if form.is_bound and form.is_valid() else None
        return self._forms[slug]

    def save(self, step: Step, form: QuestionForm) -> None:
        self.state["answers"][step.slug] = form.keep()
        self._changed()

    def first_missing(self, before: Step | None = None, *, check: bool = True) -> Step | None:
        """The first page (before ``before``, if given) not yet answered or,
        with ``check``, whose answers are no longer valid. Optional pages may
        be left unanswered. Without ``check`` no form is built: answers were
        valid when kept, and "Check your answers" checks them all again."""
        for step in self.journey.steps:
            if step == before:
                return None
            if step.slug not in self.state["answers"]:
                if step.optional:
                    continue
                return step
            if check and self.form_for(step.slug) is None:
                return step
        return None

    def answered(self) -> list[tuple[Step, QuestionForm]]:
        """Every answered page with its checked form, in order."""
        return [
            (step, self.form_for(step.slug)) for step in self.journey.steps
            if self.form_for(step.slug) is not None
        ]

    def neighbours(self, step: Step) -> tuple[str, str]:
        """(back link, next page) URLs around ``step``."""
        steps = self.journey.steps
        index = steps.index(step)
        back = self.journey.url("step", steps[index - 1].slug) if index else self.journey.url("start")
        after = (self.journey.url("step", steps[index + 1].slug) if index + 1 < len(steps)
                 else self.journey.url("check"))
        return back, after

    # -- Files ------------------------------------------------------------------------

    def uploads(self) -> list[StoredFile]:
        if not self.started:
            return []
        return [StoredFile.from_dict(item) for item in self.state["uploads"]]

    def add_upload(self, stored: StoredFile) -> None:
        self.state["uploads"].append(stored.as_dict())
        self._changed()

    def remove_upload(self, path: str) -> None:
        for stored in self.uploads():
            if stored.path == path:
                discard(stored)
                limits.upload_removed(path)
        self.state["uploads"] = [item for item in self.state["uploads"] if item["path"] != path]
        self._changed()
