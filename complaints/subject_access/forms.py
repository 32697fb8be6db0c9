"""GOV.UK forms for subject access requests. Each owns its validation and
wording; none saves anything (the views call services)."""

from django import forms

from complaints.casework.services import format_day
from complaints.govuk.forms import GovukDateField
from complaints.subject_access import services
from complaints.subject_access.models import SubjectAccessRequest
from complaints.subject_access.search import Findings

_TEXTAREA = {"rows": 3}


class RequestForm(forms.Form):
    """Record a subject access request received."""

    requester_name = forms.CharField(
        label="Full name of the person asking", max_length=200,
        error_messages={"required": "Enter the full name of the person asking"},
    )
    relationship = forms.ChoiceField(
        label="Who is asking?", choices=SubjectAccessRequest.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is asking"},
    )
    subject_name = forms.CharField(
        label="Full name of the person the request is about", max_length=200, required=False,
        help_text="Leave blank if they are asking for themselves",
    )
    subject_date_of_birth = GovukDateField(
        label="Their date of birth", required=False, allow_future=False,
        help_text="Tells apart children with the same name. For example, 31 3 2012",
    )
    subject_email = forms.EmailField(
        label="Their email address", required=False, max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    other_identifiers = forms.CharField(
        label="Other ways to identify them", required=False, max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
        help_text="For example, other names they have used, a case reference or an address",
    )
    received_on = GovukDateField(
        label="Date the request was received", allow_future=False, help_text="For example, 27 3 2023",
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=5000, widget=forms.Textarea(attrs=_TEXTAREA),
        help_text="For example, how their identity or authority to ask was checked",
    )

    def clean(self):
        data = super().clean()
        if data.get("relationship") == SubjectAccessRequest.Relationship.SELF:
            data["subject_name"] = data.get("subject_name") or data.get("requester_name", "")
        elif data.get("relationship") and not data.get("subject_name"):
            self.add_error("subject_name", "Enter the full name of the person the request is about")
        return data

    def new_request(self) -> services.NewRequest:
        data = self.cleaned_data
        return services.NewRequest(
            requester_name=data["requester_name"].strip(),
            relationship=data["relationship"],
            subject_name=" ".join(data["subject_name"].split()),
            subject_date_of_birth=data.get("subject_date_of_birth"),
            subject_email=data.get("subject_email", ""),
            other_identifiers=data.get("other_identifiers", ""),
            received_on=data["received_on"],
            notes=data.get("notes", ""),
        )


def _label(finding) -> str:
    return "; ".join(finding.reasons())


class ApproverField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class PackForm(forms.Form):
    """Which of the records found go into the pack: one group of checkboxes per
    kind of record, each found record ticked unless it is only a possible match.
    When restricted cases were found, who approved including them: someone
    other than ``user``, who makes the pack (services.approval_problem)."""

    GROUPS = {
        "party_cases": "Cases they made or that are about them",
        "mentions": "Cases that name them",
        "compliments": "Compliments",
        "enquiries": "Members' correspondence",
    }
    ERROR = "Select at least one record to include in the pack"

    def __init__(self, *args, findings: Findings, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings, self.user = findings, user
        groups = {
            "party_cases": [(f.key, f"{f.case.reference}, received {f.case.received_on:%-d %B %Y}"
                                    f"{' (restricted case)' if f.case.restricted else ''}: {_label(f)}")
                            for f in findings.party_cases],
            "mentions": [(f.key, f"{f.case.reference}, received {f.case.received_on:%-d %B %Y}: "
                                 f"{_label(f)}") for f in findings.mentions],
            "compliments": [(f.key, f"Received {f.record.received_on:%-d %B %Y}, "
                                    f"{f.record.team or 'no team'}: {_label(f)}")
                            for f in findings.compliments],
            "enquiries": [(f.key, f"Received {f.record.received_on:%-d %B %Y} from "
                                  f"{f.record.member_name}: {_label(f)}") for f in findings.enquiries],
        }
        certain = set(findings.certain_keys())
        for name, choices in groups.items():
            if choices:
                self.fields[name] = forms.MultipleChoiceField(
                    label=self.GROUPS[name], choices=choices, required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[key for key, _ in choices if key in certain],
                )
        if findings.restricted_references():
            self.fields["approved_by"] = ApproverField(
                label="Who approved including the restricted cases", required=False,
                queryset=services.approvers(making_the_pack=user), empty_label="Nobody yet",
                error_messages={"invalid_choice": "Select someone other than you who may approve "
                                                  "including restricted cases"},
                help_text="A restricted case goes into the pack only with the approval of a "
                          "complaints manager or administrator other than you. Leave it unticked "
                          "until they have approved it")

    def clean(self):
        data = super().clean()
        if self.fields and not any(data.get(name) for name in self.fields if name != "approved_by"):
            self.add_error(next(iter(self.fields)), self.ERROR)
        elif "approved_by" in self.fields and not self.errors:
            restricted = self.chosen().restricted_references()
            if problem := services.approval_problem(restricted, by=self.user,
                                                    approved_by=data.get("approved_by")):
                self.add_error("approved_by", problem)
            elif not restricted:
                data["approved_by"] = None
        return data

    def approved_by(self):
        """Who approved the restricted cases chosen (None when none are)."""
        return self.cleaned_data.get("approved_by")

    def chosen(self) -> Findings:
        """The findings narrowed to the records chosen."""
        keys = [key for name in self.fields if name != "approved_by"
                for key in self.cleaned_data.get(name, [])]
        return self.findings.only(keys)


class ExtendForm(forms.Form):
    extended_to = GovukDateField(label="New due date", help_text="For example, 28 4 2023")
    reason = forms.CharField(
        label="Why the request needs more time", max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
        help_text="For example, the request is complex or is one of several from them",
        error_messages={"required": "Enter why the request needs more time"},
    )
    told_on = GovukDateField(
        label="Date the requester was told", allow_future=False, help_text="For example, 20 2 2023",
    )

    def __init__(self, *args, sar: SubjectAccessRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.sar = sar
        latest = services.latest_extension(sar.received_on)
        self.fields["extended_to"].help_text = (
            f"No later than {format_day(latest.due)}: two further months. "
            f"{latest.text()}")

    def clean(self):
        data = super().clean()
        if data.get("extended_to") and data.get("told_on"):
            field, problem = services.extension_problem(self.sar, data["extended_to"], data["told_on"])
            if problem:
                self.add_error(field or None, problem)
        return data


class SentForm(forms.Form):
    on = GovukDateField(label="Date the pack was sent", allow_future=False,
                        help_text="For example, 27 2 2023")


class CloseForm(forms.Form):
    on = GovukDateField(label="Date the request was closed", allow_future=False,
                        help_text="For example, 27 2 2023")
    note = forms.CharField(
        label="Why it is closed", required=False, max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
        help_text="For example, the requester withdrew it, or did not confirm their identity",
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="Why the request is refused", max_length=2000, widget=forms.Textarea(attrs=_TEXTAREA),
        help_text="For example, it is manifestly unfounded or excessive. The requester must be told "
                  "why, and that they may complain to the Information Commissioner",
        error_messages={"required": "Enter why the request is refused"},
    )
    on = GovukDateField(label="Date the requester was told", allow_future=False,
                        help_text="For example, 27 2 2023")
