"""GOV.UK forms for the other records' staff pages.

Each form owns its validation and GOV.UK wording; none saves anything beyond
its model form's own save() (members' enquiries go through services).
"""

import re
from decimal import Decimal

from django import forms
from django.db.models import Q

from complaints.accounts.access import visible_cases
from complaints.accounts.models import Team
from complaints.casework.models import Case, Point
from complaints.govuk.forms import GovukDateField, lower_first
from complaints.records.models import (
    CURRENT,
    DECISION_VOCABULARY,
    OLDER,
    REMEDY_FIELDS,
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)

REFERENCE_EXAMPLE = "COM-2022-0001"


def _long(day) -> str:
    return f"{day:%-d %B %Y}"


# -- Fields ---------------------------------------------------------------------------


def _unknown(references: list[str], many: bool) -> forms.ValidationError:
    """The one answer for references that do not exist and for cases the user
    may not see: the same words, so a restricted case's existence does not leak."""
    plural = "s" if len(references) > 1 else ""
    example = f"case references, like {REFERENCE_EXAMPLE}" if many else \
        f"a case reference, like {REFERENCE_EXAMPLE}"
    return forms.ValidationError(
        f"There is no case with the reference{plural} {', '.join(references)}. Enter {example}",
        code="unknown")


class _CaseLookup:
    """Finds cases by reference among those the form's ``user`` may see
    (access.visible_cases, set by RecordForm); a case that exists but is not
    theirs to see is refused as unknown and kept in ``refused``, for the view
    to record on that case's audit trail."""

    user = None

    def find(self, references: list[str]) -> dict:
        """The visible cases with these references, by reference. Two queries."""
        existing = Case.objects.filter(reference__in=references)
        found = {case.reference: case for case in visible_cases(self.user, existing)}
        self.refused = [case for case in existing if case.reference not in found]
        return found


class CaseReferenceField(_CaseLookup, forms.CharField):
    """A case entered by its reference; cleans to the Case (or None when left
    blank). An unknown reference, or a case the user may not see, is refused by name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(
            attrs={"class": "govuk-input--width-10", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.reference if isinstance(value, Case) else value

    def clean(self, value):
        reference = super().clean(value).strip().upper()
        if not reference:
            return None
        case = self.find([reference]).get(reference)
        if case is None:
            raise _unknown([reference], many=False)
        return case


class CaseReferencesField(_CaseLookup, forms.CharField):
    """Cases entered by their references, separated by commas, spaces or new
    lines; cleans to a list of Cases. Unknown references, and cases the user may
    not see, are refused by name."""

    widget = forms.Textarea(attrs={"rows": 2, "spellcheck": "false"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)) and all(isinstance(v, Case) for v in value):
            return ", ".join(case.reference for case in value)
        return value

    def clean(self, value):
        text = super().clean(value)
        references = list(dict.fromkeys(r.upper() for r in re.split(r"[\s,;]+", text) if r))
        found = self.find(references)
        unknown = [r for r in references if r not in found]
        if unknown:
            raise _unknown(unknown, many=True)
        return [found[r] for r in references]


class PoundsField(forms.DecimalField):
    """An amount of money in pounds and pence, more than £0; "£1,250.00" is accepted.
    The messages are built from the label, as GovukDateField's are."""

    def __init__(self, *, label, **kwargs):
        lower = lower_first(label)
        kwargs.setdefault("error_messages", {
            "required": f"Enter the {lower}",
            "invalid": f"{label} must be an amount in pounds and pence, like 250.00",
            "max_decimal_places": f"{label} must be an amount in pounds and pence, like 250.00",
            "min_value": f"{label} must be more than £0",
            "max_value": f"{label} must be less than £100,000,000",
        })
        super().__init__(
            label=label, max_digits=None, decimal_places=2,
            min_value=Decimal("0.01"), max_value=Decimal("99999999.99"),
            widget=forms.TextInput(attrs={
                "class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").strip()
        return super().to_python(value)


class YesNoField(forms.TypedChoiceField):
    """Yes, No or not known yet, as radios; cleans to True, False or None."""

    CHOICES = [("yes", "Yes"), ("no", "No"), ("", "Not decided yet")]

    def __init__(self, **kwargs):
        super().__init__(
            choices=self.CHOICES, coerce=lambda v: v == "yes", empty_value=None,
            required=False, widget=forms.RadioSelect, **kwargs,
        )

    def prepare_value(self, value):
        return {True: "yes", False: "no", None: ""}.get(value, value)


def _text(label, message=None, *, rows=None, max_length=200, **kwargs):
    """A text input (or a textarea of ``rows``); required when given its GOV.UK
    "Enter ..." ``message``, optional without one."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, max_length=max_length, required=message is not None, widget=widget,
        error_messages={"required": message} if message else None, **kwargs,
    )


def _choice(label, choices, message, **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect,
        error_messages={"required": message}, **kwargs,
    )


# -- The shared base ------------------------------------------------------------------


class RecordForm(forms.ModelForm):
    """A record's add and change form.

    ``sections``: (heading, field names) pairs for the page; one unheaded
    section of every field by default. Case-reference fields show the linked
    case's reference; a team chooser offers active teams and the record's own.
    """

    sections: list[tuple[str, list[str]]] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            if isinstance(field, _CaseLookup):
                field.user = user
            if isinstance(field, CaseReferenceField) and getattr(self.instance, f"{name}_id", None):
                self.initial[name] = getattr(self.instance, name).reference
        if "team" in self.fields:
            self.fields["team"].queryset = Team.objects.filter(
                Q(active=True) | Q(pk=getattr(self.instance, "team_id", None)))

    def refused_cases(self) -> list[Case]:
        """Cases entered that exist but the user may not see (after validation)."""
        return [case for field in self.fields.values() for case in getattr(field, "refused", [])]

    def grouped(self):
        """The page's sections: (heading, bound fields)."""
        sections = self.sections or [("", list(self.fields))]
        return [(heading, [self[name] for name in names]) for heading, names in sections]

    def not_before(self, name, other, message):
        """Refuse ``name``'s date if it is before ``other``'s (a date or a field name)."""
        data = self.cleaned_data
        earlier = data.get(other) if isinstance(other, str) else other
        if data.get(name) and earlier and data[name] < earlier:
            self.add_error(name, message)


def _team_field():
    return forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.none(), empty_label="No team")


# -- Costs ----------------------------------------------------------------------------


class CostForm(RecordForm):
    category = _choice("What it was for", Cost.Category.choices, "Select what the cost was for")
    amount = PoundsField(label="Amount", help_text="In pounds and pence, for example 1250.00")
    incurred_on = GovukDateField(
        label="Date incurred", help_text="The invoice date. For example, 27 3 2023",
        allow_future=False)
    supplier_or_invoice = _text("Supplier or invoice number")
    description = _text("Description", rows=3, max_length=2000)
    case = CaseReferenceField(
        label="Case reference",
        help_text=f"If the cost is for one case. For example, {REFERENCE_EXAMPLE}")

    class Meta:
        model = Cost
        fields = ["category", "amount", "incurred_on", "supplier_or_invoice", "description", "case"]


# -- Ombudsman ------------------------------------------------------------------------


def _decision_choices():
    """Decisions grouped by the Ombudsman's wording, current first."""
    grouped = {OLDER: [], CURRENT: []}
    for value, label in OmbudsmanCase.Decision.choices:
        grouped[DECISION_VOCABULARY[value]].append((value, label))
    return [("", "Not decided yet"),
            ("Current wording", grouped[CURRENT]),
            ("Older wording", grouped[OLDER])]


class OmbudsmanCaseForm(RecordForm):
    reference = _text("LGSCO reference", "Enter the LGSCO reference", max_length=30,
                      help_text="For example, 22 004 123")
    enquiry_on = GovukDateField(label="Date the enquiry was received", allow_future=False)
    case = CaseReferenceField(
        label="Complaint reference",
        help_text=f"The council's case it is about. For example, {REFERENCE_EXAMPLE}")
    decision_on = GovukDateField(label="Decision date", required=False, allow_future=False)
    decision = forms.ChoiceField(
        label="Decision", required=False, choices=_decision_choices,
        help_text="In the Ombudsman's words: its current decisions, or its older categories")
    fault_found = YesNoField(label="Did the Ombudsman find fault?")
    injustice_found = YesNoField(label="Did the fault cause injustice?")
    remedies = forms.MultipleChoiceField(
        label="Remedies agreed", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(name, OmbudsmanCase._meta.get_field(name).verbose_name)
                 for name in REMEDY_FIELDS])
    payment_amount = PoundsField(
        label="Payment", required=False, help_text="In pounds and pence, for example 300.00")
    compliance_due_on = GovukDateField(label="Date the remedies are due by", required=False)
    complied_on = GovukDateField(
        label="Date the remedies were completed", required=False, allow_future=False)

    sections = [
        ("", ["reference", "enquiry_on", "case"]),
        ("Decision", ["decision", "decision_on", "fault_found", "injustice_found"]),
        ("Remedies", ["remedies", "payment_amount", "compliance_due_on", "complied_on"]),
    ]

    class Meta:
        model = OmbudsmanCase
        fields = ["reference", "enquiry_on", "case", "decision_on", "decision", "fault_found",
                  "injustice_found", "payment_amount", "compliance_due_on", "complied_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["remedies"] = [n for n in REMEDY_FIELDS if getattr(self.instance, n)]

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if OmbudsmanCase.objects.filter(reference=reference).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"There is already an Ombudsman case with the reference {reference}")
        return reference

    def clean(self):
        data = super().clean()
        if data.get("decision") and not data.get("decision_on") and "decision_on" not in self.errors:
            self.add_error("decision_on", "Enter the decision date")
        after_enquiry = "must be on or after the date the enquiry was received"
        self.not_before("decision_on", "enquiry_on", f"Decision date {after_enquiry}")
        self.not_before("complied_on", "enquiry_on",
                        f"Date the remedies were completed {after_enquiry}")
        if data.get("payment_amount") and "remedy_payment" not in data.get("remedies", []):
            self.add_error("payment_amount",
                           "Select Payment in the remedies agreed, or leave the payment blank")
        return data

    def save(self, commit=True):
        chosen = self.cleaned_data["remedies"]
        for name in REMEDY_FIELDS:
            setattr(self.instance, name, name in chosen)
        return super().save(commit)


# -- Members' correspondence ----------------------------------------------------------


class MembersEnquiryForm(RecordForm):
    """A new enquiry: saved by services.record_members_enquiry, which works out
    the due date, so the form has no due date and no response."""

    member_name = _text("Member's name", "Enter the member's name",
                        help_text="For example, Cllr Jo Patel")
    member_kind = _choice("Councillor or MP", MembersEnquiry.MemberKind.choices,
                          "Select whether they are a councillor or an MP")
    received_on = GovukDateField(label="Date received", allow_future=False)
    subject = _text("Subject", "Enter what the enquiry is about")
    team = _team_field()
    case = CaseReferenceField(
        label="Case reference",
        help_text=f"If it is about a case. For example, {REFERENCE_EXAMPLE}")

    class Meta:
        model = MembersEnquiry
        fields = ["member_name", "member_kind", "received_on", "subject", "team", "case"]


class MembersEnquiryChangeForm(MembersEnquiryForm):
    responded_on = GovukDateField(label="Date responded", required=False, allow_future=False)

    class Meta(MembersEnquiryForm.Meta):
        fields = MembersEnquiryForm.Meta.fields + ["responded_on"]

    def clean(self):
        data = super().clean()
        self.not_before("responded_on", "received_on",
                        "Date responded must be on or after the date received")
        return data


class MembersResponseForm(RecordForm):
    responded_on = GovukDateField(label="Date responded", allow_future=False)

    class Meta:
        model = MembersEnquiry
        fields = ["responded_on"]

    def clean(self):
        data = super().clean()
        received = self.instance.received_on
        self.not_before("responded_on", received,
                        f"Date responded must be on or after the date received ({_long(received)})")
        return data


# -- Compliments ----------------------------------------------------------------------


class ComplimentForm(RecordForm):
    received_on = GovukDateField(label="Date received", allow_future=False)
    team = _team_field()
    given_by = _choice("Who gave it", Compliment.GivenBy.choices, "Select who gave the compliment")
    words = _text("What they said", "Enter what they said", rows=5, max_length=10000,
                  help_text="As they said it, with any staff names")
    staff_named = _text("Staff named", rows=2, max_length=1000,
                        help_text=Compliment._meta.get_field("staff_named").help_text)
    consent_to_publish = forms.BooleanField(
        label="They agreed to it being published", required=False,
        help_text="Only words an officer has approved, with every name taken out, are published")

    class Meta:
        model = Compliment
        fields = ["received_on", "team", "given_by", "words", "staff_named", "consent_to_publish"]


class ComplimentApprovalForm(RecordForm):
    """An officer takes every name (and anything else that could identify
    someone) out of the words and approves them for publishing."""

    published_text = _text(
        "Words to publish", "Enter the words to publish", rows=6, max_length=10000,
        help_text="The staff names listed are already replaced by X. Take out any other name, "
                  "place or detail that could identify someone")
    names_removed = forms.BooleanField(
        label="I have taken out every name and anything else that could identify someone",
        error_messages={"required": "Confirm you have taken out every name and anything identifying"})

    class Meta:
        model = Compliment
        fields = ["published_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.published_text:
            self.initial["published_text"] = self.instance.published_words()

    def clean(self):
        data = super().clean()
        if not self.instance.consent_to_publish:
            raise forms.ValidationError(
                "This compliment cannot be published: the person who gave it did not agree to publication")
        return data


# -- Action plan ----------------------------------------------------------------------


class PointChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, point):
        summary = point.summary if len(point.summary) <= 80 else point.summary[:79] + "…"
        return f"{point.case.reference} point {point.number}: {summary}"


class ActionForm(RecordForm):
    number = forms.IntegerField(
        label="Action number", min_value=1, max_value=32767,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the action number",
            "invalid": "Action number must be a whole number, like 10",
            "min_value": "Action number must be 1 or more",
            "max_value": "Action number must be 32767 or less",
        },
    )
    task = _text("Action", "Enter the action", rows=3, max_length=5000)
    owners = _text("Who is responsible", "Enter who is responsible", max_length=300,
                   help_text="People or teams")
    starts_on = GovukDateField(label="Start date")
    intended_outcome = _text("What it should achieve", "Enter what the action should achieve",
                             rows=3, max_length=5000)
    target_on = GovukDateField(label="Target date", required=False)
    target_text = _text("Target in words", max_length=100,
                        help_text="If there is no target date. For example, On-going")
    status = _choice("Status", Action.Status.choices, "Select the status")
    cases = CaseReferencesField(
        label="Cases it came from",
        help_text="Case references, separated by commas. "
                  f"For example, {REFERENCE_EXAMPLE}, COM-2022-0014")
    points = PointChoiceField(
        label="Points of complaint it came from", required=False, queryset=Point.objects.none(),
        help_text="The points of the cases above. Save new cases first to choose their points.")

    class Meta:
        model = Action
        fields = ["number", "task", "owners", "starts_on", "intended_outcome", "target_on",
                  "target_text", "status", "cases", "points"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The cases linked that the user may not see, and their points, are
        # neither shown nor changed: saving keeps them as they were.
        self.hidden_cases, self.hidden_points = [], []
        if self.instance.pk:
            shown = visible_cases(self.user, Case.objects.filter(actions=self.instance))
            self.hidden_cases = list(self.instance.cases.exclude(pk__in=shown.values("pk")))
            self.hidden_points = list(self.instance.points.exclude(case__in=shown.values("pk")))
            self.initial["cases"] = [c for c in self.initial["cases"] if c not in self.hidden_cases]
            self.initial["points"] = [p for p in self.initial["points"] if p not in self.hidden_points]
            self.fields["points"].queryset = (
                Point.objects.filter(case__in=shown.values("pk"))
                .select_related("case").order_by("case__reference", "number"))
        else:
            del self.fields["points"]
            self.initial.setdefault("number", Action.objects.next_number())

    def clean_number(self):
        number = self.cleaned_data["number"]
        if Action.objects.filter(number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"There is already an action {number} in the plan. Enter a different number")
        return number

    def clean(self):
        data = super().clean()
        self.not_before("target_on", "starts_on", "Target date must be on or after the start date")
        cases = data.get("cases")
        if cases is not None:
            stray = [p for p in data.get("points", []) if p.case not in cases]
            if stray:
                self.add_error("points", f"{stray[0]} is from a case no longer listed: "
                                         "list its case, or untick the point")
            data["cases"] = [*cases, *self.hidden_cases]
        if data.get("points") is not None and "points" in self.fields:
            data["points"] = [*data["points"], *self.hidden_points]
        return data


class ActionUpdateForm(RecordForm):
    written_on = GovukDateField(label="Date of the update", allow_future=False)
    text = _text("Update", "Enter the update", rows=4, max_length=5000,
                 help_text="What has been done since the last update")

    class Meta:
        model = ActionUpdate
        fields = ["written_on", "text"]


# -- Filters --------------------------------------------------------------------------


class YearForm(forms.Form):
    """The financial year a list shows, as the menu sends it (2021) or as people
    write it (2021-22, as the reports' addresses do); an unknown or missing year
    is ``default``."""

    year = forms.TypedChoiceField(label="Financial year", coerce=int)

    def __init__(self, data, *, years, default):
        if data and "year" in data:
            data = data.copy()
            try:
                data["year"] = str(type(default).parse(data["year"]).start_year)
            except ValueError:
                pass  # not a year: the choice field refuses it, and the default is shown
        super().__init__(data if data and "year" in data else None)
        self.fields["year"].choices = [(y.start_year, str(y)) for y in years]
        self.default = default
        self.initial["year"] = default.start_year

    def chosen(self):
        if self.is_bound and self.is_valid():
            return type(self.default)(self.cleaned_data["year"])
        return self.default
