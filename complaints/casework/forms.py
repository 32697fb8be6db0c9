from datetime import date

from django import forms
from django.db.models import Exists, OuterRef, Q

from complaints import workdays
from complaints.accounts.models import Team, User
from complaints.casework.models import RESPONSE_BANDS, Case, Channel, Child, Complainant, Point, Stage, Theme
from complaints.casework import services
from complaints.casework.services import NewCase
from complaints.govuk.forms import GovukDateField
from complaints.years import FinancialYear

CHILD_ROWS = 3
POINT_ROWS = 5


class CaseForm(forms.Form):
    """Record a complaint or enquiry received by phone, email, letter or in person.

    One form, so one error summary covers every field on the page.
    """

    kind = forms.ChoiceField(
        label="What is it?", choices=Case.Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a complaint or an enquiry"},
    )
    procedure = forms.ChoiceField(
        label="Which procedure applies?", required=False,
        choices=Case.Procedure.choices, widget=forms.RadioSelect,
        help_text="Complaints only. You can re-route the case later.",
    )
    procedure_reason = forms.CharField(
        label="Why this procedure applies", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    received_on = GovukDateField(
        label="Date received", help_text="For example, 27 5 2022", allow_future=False,
    )
    channel = forms.ModelChoiceField(
        label="How it was received", queryset=Channel.objects.filter(active=True),
        empty_label="Select how it was received",
        error_messages={"required": "Select how it was received"},
    )
    team = forms.ModelChoiceField(
        label="Team it is about (optional)", required=False,
        queryset=Team.objects.filter(active=True), empty_label="Not known yet",
    )
    officer = forms.ModelChoiceField(
        label="Allocate to (optional)", required=False,
        queryset=User.objects.filter(is_active=True).exclude(
            role__in=["", User.Role.REPORTS, User.Role.ADMIN]),
        empty_label="Not allocated yet",
    )
    summary = forms.CharField(
        label="What happened", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000,
        error_messages={"required": "Enter what happened"},
    )
    desired_outcome = forms.CharField(
        label="What they would like to happen (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
    )
    complainant_name = forms.CharField(
        label="Full name", max_length=200,
        error_messages={"required": "Enter the complainant's full name"},
    )
    complainant_relationship = forms.ChoiceField(
        label="Relationship to the child", choices=Complainant.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the complainant's relationship to the child"},
    )
    complainant_email = forms.EmailField(
        label="Email address (optional)", required=False, max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    complainant_phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)
    complainant_address = forms.CharField(
        label="Postal address (optional)", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    complainant_support_needs = forms.CharField(
        label="Help they need (optional)", required=False, max_length=2000,
        help_text="For example, an interpreter or an advocate",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, CHILD_ROWS + 1):
            self.fields[f"child_{n}_name"] = forms.CharField(
                label="Child's full name", required=False, max_length=200)
            self.fields[f"child_{n}_date_of_birth"] = GovukDateField(
                label="Child's date of birth", required=False, allow_future=False, help_text="For example, 31 3 2012")
            self.fields[f"child_{n}_person_id"] = forms.CharField(
                label="Person ID in the case-management system", required=False, max_length=40)
        themes = Theme.objects.filter(active=True)
        for n in range(1, POINT_ROWS + 1):
            self.fields[f"point_{n}_summary"] = forms.CharField(
                label="What the point is about", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"point_{n}_theme"] = forms.ModelChoiceField(
                label="Theme", required=False, queryset=themes, empty_label="Select a theme")

    def child_rows(self):
        return [
            (n, [self[f"child_{n}_{part}"] for part in ("name", "date_of_birth", "person_id")])
            for n in range(1, CHILD_ROWS + 1)
        ]

    def point_rows(self):
        return [
            (n, [self[f"point_{n}_summary"], self[f"point_{n}_theme"]])
            for n in range(1, POINT_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Case.Kind.COMPLAINT and not data.get("procedure"):
            self.add_error("procedure", "Select which procedure applies")
        received = data.get("received_on")
        for n in range(1, CHILD_ROWS + 1):
            name, dob = data.get(f"child_{n}_name"), data.get(f"child_{n}_date_of_birth")
            if (dob or data.get(f"child_{n}_person_id")) and not name:
                self.add_error(f"child_{n}_name", "Enter the child's full name")
            if dob and received and dob > received:
                self.add_error(f"child_{n}_date_of_birth",
                               "Child's date of birth must be on or before the date received")
        points = 0
        for n in range(1, POINT_ROWS + 1):
            summary, theme = data.get(f"point_{n}_summary"), data.get(f"point_{n}_theme")
            if summary and not theme:
                self.add_error(f"point_{n}_theme", "Select a theme for this point")
            if theme and not summary:
                self.add_error(f"point_{n}_summary", "Enter what the point is about")
            points += bool(summary)
        if kind == Case.Kind.COMPLAINT and points == 0:
            self.add_error("point_1_summary", "Enter at least one point of complaint")
        return data

    def new_case(self) -> NewCase:
        data = self.cleaned_data
        return NewCase(
            kind=data["kind"],
            procedure=data.get("procedure") or "",
            procedure_reason=data.get("procedure_reason", ""),
            received_on=data["received_on"],
            channel=data["channel"],
            team=data.get("team"),
            officer=data.get("officer"),
            summary=data["summary"],
            desired_outcome=data.get("desired_outcome", ""),
            complainant={
                "name": data["complainant_name"],
                "relationship": data["complainant_relationship"],
                "email": data.get("complainant_email", ""),
                "phone": data.get("complainant_phone", ""),
                "address": data.get("complainant_address", ""),
                "support_needs": data.get("complainant_support_needs", ""),
            },
            children=[
                {
                    "name": data[f"child_{n}_name"],
                    "date_of_birth": data.get(f"child_{n}_date_of_birth"),
                    "person_id": data.get(f"child_{n}_person_id", ""),
                }
                for n in range(1, CHILD_ROWS + 1)
                if data.get(f"child_{n}_name")
            ],
            points=[
                {"summary": data[f"point_{n}_summary"], "theme": data[f"point_{n}_theme"]}
                for n in range(1, POINT_ROWS + 1)
                if data.get(f"point_{n}_summary")
            ],
        )


# The case list's words for the response-time bands the reports count (workdays.timescales).
BAND_WORDS = [*((band.key, f"Answered {band.phrase}") for band in workdays.stage_one_response_bands()),
              ("open", "Not yet answered")]


class CaseFilterForm(forms.Form):
    """The case list's filters. Every field optional; invalid values are ignored."""

    q = forms.CharField(label="Reference or name", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any")] + Case.Kind.choices)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any")] + Case.Status.choices)
    stage = forms.TypedChoiceField(
        label="Stage", required=False, coerce=int, empty_value=None,
        choices=[("", "Any"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")])
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any")
    officer = forms.ModelChoiceField(
        label="Officer", required=False, empty_label="Any",
        queryset=User.objects.filter(is_active=True).exclude(role__in=["", User.Role.REPORTS]))
    overdue = forms.BooleanField(label="Overdue only", required=False)
    # The annual report's drill-down: the cases behind a figure. Not shown as
    # fields on the page; the list says which report filters are applied.
    year = forms.CharField(required=False, max_length=9, widget=forms.HiddenInput)
    channel = forms.ModelChoiceField(required=False, queryset=Channel.objects.all(), widget=forms.HiddenInput)
    theme = forms.ModelChoiceField(required=False, queryset=Theme.objects.all(), widget=forms.HiddenInput)
    stage1_outcome = forms.ChoiceField(
        required=False, widget=forms.HiddenInput,
        choices=[("", "")] + Case.Outcome.choices + [("none", "Not yet decided")])
    response_band = forms.ChoiceField(
        required=False, widget=forms.HiddenInput,
        choices=[("", "")] + BAND_WORDS)
    reached_stage = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, widget=forms.HiddenInput,
        choices=[("", ""), ("2", ""), ("3", "")])

    REPORT_FILTERS = ("year", "channel", "theme", "stage1_outcome", "response_band", "reached_stage")

    def __init__(self, data=None, *, drill_down: bool):
        """``drill_down``: whether the report's filters apply (for those whose
        report figures link here); without, they are not fields, so ignored."""
        super().__init__(data)
        if not drill_down:
            for name in self.REPORT_FILTERS:
                del self.fields[name]

    def report_filters(self) -> list[str]:
        """The drill-down filters applied, in words, for the list's heading."""
        if not self.is_valid() or "year" not in self.fields:
            return []
        data = self.cleaned_data
        words = []
        if data["year"]:
            words.append(f"received in {data['year']}" if not data["reached_stage"]
                         else f"Stage {data['reached_stage']} requested in {data['year']}")
        if data["channel"]:
            words.append(f"received by {data['channel'].name.lower()}")
        if data["theme"]:
            words.append(f"a point about {data['theme'].name.lower()}")
        if data["stage1_outcome"]:
            words.append(f"Stage 1 outcome: {dict(self.fields['stage1_outcome'].choices)[data['stage1_outcome']].lower()}")
        if data["response_band"]:
            words.append(dict(BAND_WORDS)[data["response_band"]].lower())
        return words

    def filter(self, cases, today: date):
        if not self.is_valid():
            return cases
        data = self.cleaned_data
        if q := data["q"].strip():
            cases = cases.filter(
                Q(reference__icontains=q)
                | Q(complainant__name__icontains=q)
                | Exists(Child.objects.filter(case=OuterRef("pk"), name__icontains=q))
            )
        for name in ("kind", "status", "team", "officer"):
            if data[name]:
                cases = cases.filter(**{name: data[name]})
        if data["stage"]:
            cases = cases.filter(current_stage=data["stage"])
        if data["overdue"]:
            cases = cases.overdue(today)
        return self._report_filter(cases, data)

    def _report_filter(self, cases, data):
        """The annual report's counting rules (complaints.reports.annual), as filters."""
        if "year" not in self.fields:
            return cases
        if data["year"]:
            try:
                year = FinancialYear.parse(data["year"])
            except ValueError:
                return cases.none()
            if data["reached_stage"]:
                stages = Stage.objects.filter(number=data["reached_stage"],
                                              started_on__range=(year.starts_on, year.ends_on))
                if data["reached_stage"] == 2:
                    stages = stages.filter(resolved_without_investigation=False)
                cases = cases.filter(pk__in=stages.values("case"))
            else:
                cases = cases.filter(received_on__range=(year.starts_on, year.ends_on))
        if data["channel"]:
            cases = cases.filter(channel=data["channel"])
        if data["theme"]:
            cases = cases.filter(Exists(Point.objects.filter(case=OuterRef("pk"), theme=data["theme"])))
        stage_one = Stage.objects.filter(case=OuterRef("pk"), number=1)
        if data["stage1_outcome"]:
            outcome = "" if data["stage1_outcome"] == "none" else data["stage1_outcome"]
            cases = cases.filter(Exists(stage_one.filter(outcome=outcome)))
        if data["response_band"]:
            cases = cases.filter(Exists(stage_one.filter(RESPONSE_BANDS[data["response_band"]])))
        return cases


class CalculatorForm(forms.Form):
    start = GovukDateField(label="Start date", help_text="The day it was received is day 0. For example, 16 12 2022")
    days = forms.IntegerField(
        label="Working days", min_value=0, max_value=500,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of working days",
            "invalid": "Working days must be a whole number, like 10",
            "min_value": "Working days must be 0 or more",
            "max_value": "Working days must be 500 or fewer",
        },
    )
    procedure = forms.ChoiceField(
        label="Procedure", choices=Case.Procedure.choices, widget=forms.RadioSelect, initial="statutory",
        error_messages={"required": "Select a procedure"},
    )

    def clean(self):
        """The due date, with its explanation, as ``due``: counting past the
        calendar's last day (31 December 9999) is an error on the start date."""
        data = super().clean()
        if self.errors:
            return data
        try:
            data["due"] = services.calendar(data["procedure"]).explain(
                data["start"], data["days"], rule=f"{data['days']} working days")
        except OverflowError:
            self.add_error("start", "Enter a start date early enough for the due date to be a real date")
        return data

