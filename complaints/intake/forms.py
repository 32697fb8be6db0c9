"""The question pages of the public forms, one form class a page.

Every page is a ``QuestionForm``: it owns its GOV.UK error messages (over-long
and malformed answers included), carries the honeypot field, and says how its
answers read on the "Check your answers" page (``summary``). Pages that need
an earlier answer (the equality questions need the children's names) get it
from the wizard (complaints.intake.wizard) they are built by.
"""

import re
import unicodedata

from django import forms
from django.conf import settings

from complaints.accounts.models import Team
from complaints.casework.models import Complainant, Disability, Ethnicity, Monitoring, Religion
from complaints.govuk.forms import GovukDateField
from complaints.intake import limits, uploads
from complaints.records.models import Compliment

NOT_GIVEN = "Not given"
PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"
HONEYPOT = "website"


class Honeypot(Exception):
    """The field people never see was filled in: a robot sent this."""


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def text_field(label, *, subject, required=True, max_length=200, rows=None, hint="",
               required_message=None, autocomplete=None, field_class=forms.CharField, **kwargs):
    """A text input (or a textarea, given ``rows``) with GOV.UK error messages
    built from ``subject`` ("your full name"): "Enter your full name", "Your
    full name must be 200 characters or less"."""
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    return field_class(
        label=label, required=required, max_length=max_length, help_text=hint, widget=widget,
        error_messages={
            "required": required_message or f"Enter {subject}",
            "max_length": f"{capital(subject)} must be {max_length:,} characters or less",
            "null_characters_not_allowed": f"{capital(subject)} must not include hidden characters",
        },
        **kwargs,
    )


# Bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
# U+2069): they reorder the text after them, so a name would show as another.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The zero-width non-joiner and joiner: some names' spelling needs them between
# letters (Persian, the Indic scripts), so they are kept there.
JOINERS = "\u200c\u200d"
# Letters that show as nothing, used to make a name look filled in: the Hangul
# fillers and the blank braille pattern.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


class HiddenCharacters(ValueError):
    """A name holds a bidirectional control."""


def clean_person_name(value: str) -> str:
    """A name as typed, without the characters that show nothing: Unicode
    format characters (zero-width space, word joiner, soft hyphen, byte order
    mark, direction marks…) and blank letters, and without spaces and joiners
    at either end; "" if nothing visible is left, so that a name of invisible
    characters is missing. Raises HiddenCharacters for a bidirectional control.
    The one cleaning every public name field uses (NameField)."""
    if BIDI_CONTROLS.intersection(value):
        raise HiddenCharacters
    value = "".join(
        c for c in value
        if c in JOINERS or (unicodedata.category(c) != "Cf" and c not in BLANK_LETTERS)
    )
    while value != (trimmed := value.strip().strip(JOINERS)):
        value = trimmed
    return value


class NameField(forms.CharField):
    """A person's name, cleaned by clean_person_name; a bidirectional control
    gets the field's "must not include hidden characters" message."""

    def to_python(self, value):
        try:
            return clean_person_name(super().to_python(value))
        except HiddenCharacters:
            raise forms.ValidationError(self.error_messages["null_characters_not_allowed"],
                                        code="hidden_characters") from None


def name_field(label, *, subject, **kwargs):
    """A text input for a person's name (see text_field and NameField)."""
    return text_field(label, subject=subject, field_class=NameField, **kwargs)


def radios(label, choices, *, required_message, hint="", required=True):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=required, help_text=hint,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


PHONE = re.compile(r"^\+?[\d\s()\-]+$")


def clean_phone(value: str, message: str) -> str:
    digits = re.sub(r"\D", "", value)
    if value and (not PHONE.match(value) or not 10 <= len(digits) <= 15):
        raise forms.ValidationError(message)
    return value


def display(field: forms.Field, value) -> str:
    """An answer as the "Check your answers" page shows it."""
    if value in (None, "", [], ()):
        return NOT_GIVEN
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(key): label for key, label in field.choices}
        if isinstance(value, (list, tuple)):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    return str(value)


class QuestionForm(forms.Form):
    """One page of a public form.

    ``title`` is the page's heading and <title>; when ``heading_field`` is set,
    that field's label is the heading instead (a one-question page, as GOV.UK
    asks). ``intro`` is a list of paragraphs shown under the heading. The
    ``website`` field is a honeypot, rendered by intake/_honeypot.html: hidden
    from people, filled in by robots.
    """

    title = ""
    heading_field = None
    intro: tuple[str, ...] = ()
    page_template = "intake/question.html"
    multipart = False
    # An optional page offers a "Skip" link and may be left unanswered.
    optional = False
    skip_label = "Skip this page"

    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, data=None, files=None, *, wizard=None, **kwargs):
        self.wizard = wizard
        super().__init__(data, files, **kwargs)
        for field in self.fields.values():
            # GOV.UK: tell people when an answer is too long, never cut it short silently.
            field.widget.attrs.pop("maxlength", None)

    @property
    def page_title(self) -> str:
        if self.heading_field:
            return str(self.fields[self.heading_field].label)
        return self.title

    def questions(self):
        """The bound fields people answer (not the honeypot)."""
        return [field for field in self if field.name != HONEYPOT]

    def groups(self):
        """(legend or "", fields) to show on the page, in order."""
        return [("", self.questions())]

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT):
            raise Honeypot
        return data

    def keep(self) -> dict:
        """What the session keeps for this page: the answers as they were
        posted, so that the page can be shown and checked again later."""
        names = [field.html_name for field in self.questions()]
        return {
            key: values for key, values in self.data.lists()
            if any(key == name or key.startswith(f"{name}_") for name in names)
        }

    def summary(self) -> list[tuple[str, str]]:
        """(question, answer) rows for "Check your answers"."""
        return [
            (str(field.label), display(field.field, self.cleaned_data.get(field.name)))
            for field in self.questions()
        ]


# -- Answers several forms ask for ------------------------------------------------------


class ContactForm(QuestionForm):
    """Email and phone (and, for adults, a postal address)."""

    email = forms.EmailField(
        label="Email address", required=False, max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or less",
        },
    )
    phone = text_field("Phone number", subject="your phone number", required=False,
                       max_length=40, autocomplete="tel")
    phone_message = "Enter a phone number, like 01632 960 001 or 07700 900 982"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["class"] = "govuk-input--width-20"

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"], self.phone_message)


class EqualityForm(QuestionForm):
    """The equality questions, for each person the complaint is about, each
    with "Prefer not to say". Stored in the Monitoring model only.

    "Prefer not to say" is stored as gender ``prefer_not``, ethnicity ``REFU``
    (DfE: refused) and religion ``not-stated`` (ONS: not stated). The DfE
    disability codes have no "refused": it is stored as no disability code,
    as when the question is not answered.
    """

    optional = True
    skip_label = "Skip these questions"
    REFUSED_ETHNICITY = "REFU"
    NOT_ASKED_ETHNICITY = "NOBT"
    NOT_STATED_RELIGION = "not-stated"
    EXCLUSIVE_DISABILITY = {"NONE", PREFER_NOT}

    def people(self) -> list[tuple[str, str]]:
        """(field prefix, name) for each person asked about."""
        raise NotImplementedError

    def question(self, name: str, what: str) -> str:
        raise NotImplementedError

    # Plainer words for some answers: {question: {stored value: label}} (the
    # reference data's names otherwise).
    labels: dict[str, dict[str, str]] = {}
    disability_question = "disability"
    ethnicity_hint = ""

    def _choices(self, question, items) -> list[tuple[str, str]]:
        labels = self.labels.get(question, {})
        return [(code, labels.get(code, name)) for code, name in items]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        genders = self._choices("gender", [
            (value, label) for value, label in Monitoring.Gender.choices
            if value != Monitoring.Gender.NOT_KNOWN])
        ethnicities = self._choices("ethnicity", [
            (e.code, e.name) for e in Ethnicity.objects.filter(active=True)
            if e.code not in {self.REFUSED_ETHNICITY, self.NOT_ASKED_ETHNICITY}])
        disabilities = self._choices("disability", [
            (d.code, d.name) for d in Disability.objects.filter(active=True)])
        religions = self._choices("religion", [
            (r.code, r.name) for r in Religion.objects.filter(active=True)
            if r.code != self.NOT_STATED_RELIGION])
        for prefix, name in self.people():
            self.fields[f"{prefix}_gender"] = radios(
                self.question(name, "gender"), genders, required=False,
                required_message="Select a gender from the list")
            self.fields[f"{prefix}_ethnicity"] = forms.ChoiceField(
                label=self.question(name, "ethnic group"), required=False,
                help_text=self.ethnicity_hint,
                choices=[("", "Select an ethnic group")] + ethnicities
                + [(self.REFUSED_ETHNICITY, PREFER_NOT_LABEL)],
                error_messages={"invalid_choice": "Select an ethnic group from the list"},
            )
            self.fields[f"{prefix}_disabilities"] = forms.MultipleChoiceField(
                label=self.question(name, self.disability_question), required=False,
                widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
                choices=disabilities + [(PREFER_NOT, PREFER_NOT_LABEL)],
                error_messages={"invalid_choice": "Select the disabilities from the list"},
            )
            self.fields[f"{prefix}_religion"] = radios(
                self.question(name, "religion"),
                religions + [(self.NOT_STATED_RELIGION, PREFER_NOT_LABEL)],
                required=False, required_message="Select a religion from the list",
            )
        self.order_fields([HONEYPOT])

    def groups(self):
        people = self.people()
        fields = [(prefix, name, [f for f in self.questions() if f.name.startswith(f"{prefix}_")])
                  for prefix, name in people]
        if len(people) == 1:
            return [("", fields[0][2])]
        return [(f"About {name}", group) for prefix, name, group in fields]

    def clean(self):
        data = super().clean()
        for prefix, _ in self.people():
            chosen = set(data.get(f"{prefix}_disabilities") or [])
            exclusive = chosen & self.EXCLUSIVE_DISABILITY
            if exclusive and len(chosen) > 1:
                label = "No disability" if "NONE" in exclusive else PREFER_NOT_LABEL
                self.add_error(f"{prefix}_disabilities",
                               f"Select ‘{label}’ on its own, or the disabilities that apply")
        return data

    def monitoring(self) -> list[dict | None]:
        """For each person, in order, the answers for a Monitoring row (None if
        every question was left unanswered)."""
        answers = []
        for prefix, _ in self.people():
            get = self.cleaned_data.get
            disabilities = [c for c in get(f"{prefix}_disabilities") or [] if c != PREFER_NOT]
            row = {
                "gender": get(f"{prefix}_gender") or "",
                "ethnicity": get(f"{prefix}_ethnicity") or "",
                "religion": get(f"{prefix}_religion") or "",
                "disabilities": disabilities,
            }
            answered = any(row.values()) or get(f"{prefix}_disabilities")
            answers.append(row if answered else None)
        return answers


class FilesInput(forms.FileInput):
    allow_multiple_selected = True


class FilesField(forms.Field):
    """Several files from one file input; DocumentsForm checks them."""

    widget = FilesInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs["multiple"] = True

    def clean(self, value):
        return [upload for upload in (value or []) if upload]


class DocumentsForm(QuestionForm):
    """Files sent with a complaint: added a few at a time, each checked by its
    contents, counted against the sender's upload allowance
    (complaints.intake.limits) when they pass, and written under
    ATTACHMENTS_DIR when the page is sent; the session keeps the list until
    the complaint is sent."""

    page_template = "intake/documents.html"
    multipart = True
    optional = True
    skip_label = "Continue without sending files"

    files = FilesField(label="Upload files", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            f"Up to {settings.ATTACHMENT_MAX_FILES} files, each smaller than "
            f"{uploads.size_words(settings.ATTACHMENT_MAX_BYTES)}: {uploads.KINDS}."
        )

    @property
    def kept(self) -> list[uploads.StoredFile]:
        return self.wizard.uploads() if self.wizard else []

    def questions(self):
        return [self["files"]]

    def over_allowance(self, reason: str) -> str:
        if reason == limits.PER_HOUR:
            return (f"You can upload up to {uploads.size_words(settings.INTAKE_UPLOAD_BYTES_PER_HOUR)} "
                    "of files in an hour: try again later")
        return (f"You can have up to {settings.INTAKE_PENDING_UPLOADS} files waiting to be sent: "
                "send your complaint before adding more, or try again later")

    def clean_files(self):
        files = self.cleaned_data["files"]
        handler = getattr(self.wizard, "upload_limits", None)
        too_many = handler is not None and handler.too_many
        if too_many or len(files) + len(self.kept) > settings.ATTACHMENT_MAX_FILES:
            raise forms.ValidationError(f"You can send up to {settings.ATTACHMENT_MAX_FILES} files")
        if handler is not None and handler.too_big:
            raise forms.ValidationError(
                f"{handler.too_big[0]} must be smaller than "
                f"{uploads.size_words(settings.ATTACHMENT_MAX_BYTES)}")
        if handler is not None and handler.over:
            raise forms.ValidationError(self.over_allowance(handler.over))
        checked = []
        for upload in files:
            name = uploads.clean_name(upload.name)
            if not upload.size:
                raise forms.ValidationError(f"{name} is empty")
            kind, named = uploads.detect(upload), uploads.kind_named(name)
            if kind is None or named is None:
                raise forms.ValidationError(f"{name} must be a {uploads.KINDS}")
            if named != kind:
                # What it is and what its name says disagree: a browser would
                # believe the name.
                raise forms.ValidationError(f"{name} must be a {named.label}")
            checked.append((upload, kind.content_type, uploads.new_path(kind.content_type)))
        missing = [kept.name for kept in self.kept if not kept.exists()]
        if missing:
            raise forms.ValidationError(f"{missing[0]} could not be found: upload it again")
        if checked:
            # Counted against the sender's address before anything is written.
            sizes = {path: upload.size for upload, _, path in checked}
            try:
                limits.reserve_uploads(getattr(self.wizard, "address", None), sizes)
            except limits.UploadsRefused as refused:
                raise forms.ValidationError(self.over_allowance(refused.reason)) from None
        return checked

    def keep(self) -> dict:
        """Write the new files where they were counted, and add them to the wizard's list."""
        for upload, content_type, path in self.cleaned_data["files"]:
            self.wizard.add_upload(uploads.store(upload, content_type, path))
        return {}

    def summary(self):
        names = ", ".join(f.name for f in self.kept)
        return [("Files", names or "None")]


# -- The complaint form for adults -------------------------------------------------------


RELATIONSHIPS = [
    (Complainant.Relationship.PARENT, "Parent, or someone with parental responsibility"),
    (Complainant.Relationship.FOSTER_CARER, "Foster carer"),
    (Complainant.Relationship.SPECIAL_GUARDIAN, "Special guardian"),
    (Complainant.Relationship.OTHER_FAMILY, "Another family member, such as a grandparent"),
    (Complainant.Relationship.YOUNG_PERSON, "I am the child or young person it is about"),
    (Complainant.Relationship.ADVOCATE, "Advocate"),
    (Complainant.Relationship.PROFESSIONAL, "Professional, such as a teacher or health visitor"),
    (Complainant.Relationship.OTHER, "Someone else"),
]
CHILD_ROWS = 3
UNKNOWN_TEAM = "unknown"


class AboutYouForm(QuestionForm):
    title = "About you"

    name = name_field("Full name", subject="your full name", autocomplete="name")
    relationship = radios(
        "What is your relationship to the child?", RELATIONSHIPS,
        required_message="Select your relationship to the child",
    )


class ChildrenForm(QuestionForm):
    title = "Who is your complaint about?"
    intro = (f"Tell us about each child or young person it is about, up to {CHILD_ROWS}.",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, CHILD_ROWS + 1):
            self.fields[f"child_{n}_name"] = name_field(
                "Full name", subject="the child’s full name", required=n == 1)
            self.fields[f"child_{n}_date_of_birth"] = GovukDateField(
                label="Date of birth", required=False, allow_future=False,
                help_text="For example, 27 3 2012",
                error_messages={"future": "Date of birth must be in the past"},
            )
        self.order_fields([HONEYPOT])

    def groups(self):
        return [
            ("Child 1" if n == 1 else f"Child {n} (optional)",
             [self[f"child_{n}_name"], self[f"child_{n}_date_of_birth"]])
            for n in range(1, CHILD_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(2, CHILD_ROWS + 1):
            if data.get(f"child_{n}_date_of_birth") and not data.get(f"child_{n}_name"):
                self.add_error(f"child_{n}_name", "Enter the child’s full name")
        return data

    def children(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"name": data[f"child_{n}_name"], "date_of_birth": data.get(f"child_{n}_date_of_birth")}
            for n in range(1, CHILD_ROWS + 1) if data.get(f"child_{n}_name")
        ]

    def summary(self):
        rows = []
        for number, child in enumerate(self.children(), 1):
            born = child["date_of_birth"]
            text = child["name"] + (f", born {display(None, born)}" if born else "")
            rows.append((f"Child {number}", text))
        return rows


class WhatHappenedForm(QuestionForm):
    heading_field = "summary"

    summary = text_field(
        "What happened?", subject="what happened", max_length=10_000, rows=10,
        hint="Tell us what happened, when it happened and who was involved, if you know.",
    )


class OutcomeForm(QuestionForm):
    heading_field = "desired_outcome"

    desired_outcome = text_field(
        "What would you like to happen?", subject="what you would like to happen",
        required=False, max_length=5_000, rows=5,
        hint="For example, an apology, a meeting, or a decision looked at again.",
    )


class TeamForm(QuestionForm):
    heading_field = "team"

    team = forms.ChoiceField(label="Which team is it about?", widget=forms.RadioSelect)
    hint = "If you are not sure, choose ‘I do not know’."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(team.pk): team for team in Team.objects.filter(active=True)}
        field = self.fields["team"]
        field.choices = [(pk, team.name) for pk, team in self.teams.items()] + [
            (UNKNOWN_TEAM, "I do not know")]
        message = "Select the team, or ‘I do not know’"
        field.error_messages.update({"required": message, "invalid_choice": message})
        field.help_text = self.hint

    def clean_team(self):
        value = self.cleaned_data["team"]
        return self.teams.get(value)

    def summary(self):
        team = self.cleaned_data["team"]
        return [("Team", team.name if team else "I do not know")]


class AdultContactForm(ContactForm):
    title = "How can we contact you?"
    intro = ("Give us at least one way to contact you. If you give an email address, "
             "we will send you a receipt.",)

    address = text_field("Postal address", subject="your postal address", required=False,
                         max_length=1_000, rows=4, autocomplete="street-address")

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(f) for f in ("email", "phone", "address")):
            self.add_error("email", "Enter an email address, a phone number or a postal address")
        return data


HELP = [
    ("interpreter", "An interpreter"),
    ("advocate", "An advocate, someone who can speak up for you or the child"),
    ("other", "Something else, such as large print or a British Sign Language interpreter"),
]


class HelpForm(QuestionForm):
    title = "Do you need any help?"
    intro = ("Tell us if you need help to make your complaint or to talk to us about it.",)

    help = forms.MultipleChoiceField(
        label="What help do you need?", required=False, choices=HELP,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
        error_messages={"invalid_choice": "Select the help you need from the list"},
    )
    details = text_field(
        "Tell us more", subject="what help you need", required=False, max_length=1_000, rows=3,
        hint="For example, the language you speak.",
    )

    def clean(self):
        data = super().clean()
        if "interpreter" in (data.get("help") or []) and not data.get("details"):
            self.add_error("details", "Enter the language you need an interpreter for")
        return data

    def support_needs(self) -> str:
        chosen = dict(HELP)
        needs = [chosen[value].split(",")[0] for value in self.cleaned_data.get("help") or []]
        text = "; ".join(needs)
        if details := self.cleaned_data.get("details"):
            text = f"{text}. {details}" if text else details
        return text


class AdultEqualityForm(EqualityForm):
    title = "Equality questions"
    intro = ("These questions are about the children your complaint is about. We ask them to "
             "check that we treat everyone fairly. Your answers do not change how we handle "
             "your complaint, and the people handling it do not see them. You can skip any "
             "question or this whole page.",)

    def people(self):
        children = self.wizard.form_for("children").children() if self.wizard else []
        return [(f"child_{n}", child["name"]) for n, child in enumerate(children, 1)]

    def question(self, name, what):
        return f"{name}’s {what}"


# -- The form for children and young people ---------------------------------------------
#
# Short sentences in plain words, one question a page. A test keeps the
# reading level of every page at or below a reading age of 9 to 10.


class YoungNameForm(QuestionForm):
    heading_field = "name"

    name = name_field("What is your name?", subject="your name", autocomplete="name",
                      required_message="Tell us your name")


class YoungBirthdayForm(QuestionForm):
    heading_field = "date_of_birth"

    date_of_birth = GovukDateField(
        label="When were you born?", required=False, allow_future=False,
        help_text="For example, 27 3 2012. You can leave this empty.",
        error_messages={
            "future": "The date you were born must be in the past",
            "invalid": "The date you were born must be a real date",
            "incomplete": "The date you were born must include a %(missing)s",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        day, month, year = self.fields["date_of_birth"].widget.widgets
        day.attrs["autocomplete"], month.attrs["autocomplete"] = "bday-day", "bday-month"
        year.attrs["autocomplete"] = "bday-year"


class YoungWhatForm(QuestionForm):
    heading_field = "summary"

    summary = text_field(
        "What is wrong?", subject="what is wrong", max_length=10_000, rows=8,
        hint="Tell us in your own words. Say what happened and who it was.",
        required_message="Tell us what is wrong",
    )


class YoungBetterForm(QuestionForm):
    heading_field = "desired_outcome"

    desired_outcome = text_field(
        "What would make it better?", subject="what would make it better", required=False,
        max_length=5_000, rows=5, hint="You can leave this empty if you are not sure.",
    )


ADVOCATE_ANSWERS = [("yes", "Yes, please"), ("no", "No, thank you"), ("not_sure", "I am not sure")]


class YoungAdvocateForm(QuestionForm):
    heading_field = "advocate"

    advocate = radios(
        "Would you like an advocate?", ADVOCATE_ANSWERS,
        hint="An advocate is a person who is on your side. They can help you say what you want. "
             "It is free.",
        required_message="Choose yes, no or not sure",
    )

    def accepted(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["advocate"])


class YoungContactForm(ContactForm):
    title = "How can we talk to you?"
    intro = ("We will use this to tell you what happens next. You can leave it empty.",)
    phone_message = "Type a phone number, like 07700 900 982"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = "Type an email like name@example.com"


class YoungHelpForm(QuestionForm):
    heading_field = "support_needs"

    support_needs = text_field(
        "Is there anything that would help you talk to us?", subject="what would help",
        required=False, max_length=1_000, rows=3,
        hint="For example, help to read, or to talk in your own language.",
    )


class YoungEqualityForm(EqualityForm):
    title = "About you"
    intro = ("We ask these to check we are fair to everyone. The people who read what is wrong "
             "will not see them. You do not have to answer.",)
    ethnicity_hint = "This is about where your family comes from."
    disability_question = "disability, if you have one"
    labels = {
        "gender": {"female": "Girl", "male": "Boy", "other": "Something else"},
        "disability": {
            "NONE": "I do not have a disability", "MOB": "Moving about", "HAND": "Using my hands",
            "PC": "Looking after myself", "INC": "Using the toilet", "COMM": "Talking to people",
            "LD": "Learning", "HEAR": "Hearing", "VIS": "Seeing", "BEH": "How I behave",
            "CON": "Fits or blackouts", "AUT": "Autism", "DDA": "Something else",
        },
        "religion": {"other": "Another religion"},
    }

    def people(self):
        return [("you", "you")]

    def question(self, name, what):
        return f"What is your {what}?"


# -- The compliment form ----------------------------------------------------------------


GIVEN_BY = [
    (Compliment.GivenBy.PARENT, "A parent or family member"),
    (Compliment.GivenBy.YOUNG_PERSON, "A child or young person"),
    (Compliment.GivenBy.CARER, "A carer"),
    (Compliment.GivenBy.PROFESSIONAL_INTERNAL, "Someone who works for the council"),
    (Compliment.GivenBy.PROFESSIONAL_EXTERNAL, "A professional from another organisation"),
]


class ComplimentTeamForm(TeamForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].label = "Which team would you like to thank?"


class ComplimentWhoForm(QuestionForm):
    heading_field = "given_by"

    given_by = radios("Who are you?", GIVEN_BY, required_message="Select who you are")


class ComplimentWordsForm(QuestionForm):
    title = "Your compliment"

    # No question asks the public to list staff names (issue #16): an officer takes
    # every name out before any words are published (records: approve a compliment).
    words = text_field("What would you like to say?", subject="what you would like to say",
                       max_length=5_000, rows=8,
                       hint="You can name the people who helped you. We take every name out "
                            "before we share your words.")


class ComplimentConsentForm(QuestionForm):
    heading_field = "consent"

    consent = radios(
        "May we share your words?", [("yes", "Yes"), ("no", "No")],
        hint="We may share them in our annual report or with staff, with every name taken out.",
        required_message="Select yes if we may share your words",
    )


class SendForm(QuestionForm):
    """The "Check your answers" page's button: only the honeypot to check."""
