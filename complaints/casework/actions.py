"""Staff actions on a case page: each a GOV.UK form backed by one domain
function in complaints.casework.services. The view is the same for all."""

from dataclasses import dataclass
from typing import Callable

from django import forms

from complaints.accounts.models import Team, User
from complaints.casework import services
from complaints.casework.models import Point, Stage
from complaints.govuk.forms import GovukDateField


class CaseActionForm(forms.Form):
    # The case's version when the form was opened: a stale save is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class AcknowledgeForm(CaseActionForm):
    on = GovukDateField(label="Date acknowledged", allow_future=False)
    method = forms.ChoiceField(
        label="How it was acknowledged", choices=Stage._meta.get_field("acknowledged_by").choices,
        widget=forms.RadioSelect, error_messages={"required": "Select how it was acknowledged"},
    )


class AllocateForm(CaseActionForm):
    officer = forms.ModelChoiceField(
        label="Officer", queryset=User.objects.filter(is_active=True).exclude(
            role__in=["", User.Role.REPORTS, User.Role.ADMIN]),
        error_messages={"required": "Select the officer"},
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.filter(active=True),
        error_messages={"required": "Select the team"},
    )


class ExtendForm(CaseActionForm):
    new_due = GovukDateField(label="New due date", help_text="At most 20 working days from receipt")
    reason = forms.CharField(
        label="Reason for the extension", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, to arrange an advocate, or because the complaint is complex",
        error_messages={"required": "Enter the reason for the extension"},
    )
    told_on = GovukDateField(label="Date the complainant was told", allow_future=False)


class RespondForm(CaseActionForm):
    on = GovukDateField(label="Date of the response", allow_future=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        for point in case.points.all():
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=f"Point {point.number}: {point.summary}", choices=Point.Finding.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a finding for point {point.number}"},
            )

    def findings(self) -> dict[int, str]:
        return {int(name.removeprefix("point_")): value
                for name, value in self.cleaned_data.items() if name.startswith("point_")}


class WithdrawForm(CaseActionForm):
    on = GovukDateField(label="Date withdrawn", allow_future=False)
    reason = forms.CharField(
        label="Why it was withdrawn", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the complaint was withdrawn"},
    )


@dataclass(frozen=True)
class CaseAction:
    title: str
    form: type[CaseActionForm]
    apply: Callable  # (case, form, user, version) -> None; raises ProcedureError
    success: str


ACTIONS = {
    "acknowledge": CaseAction(
        "Record the acknowledgement", AcknowledgeForm,
        lambda case, form, by, version: services.acknowledge(
            case, on=form.cleaned_data["on"], method=form.cleaned_data["method"], by=by, version=version),
        "Acknowledgement recorded",
    ),
    "allocate": CaseAction(
        "Allocate the case", AllocateForm,
        lambda case, form, by, version: services.allocate(
            case, officer=form.cleaned_data["officer"], team=form.cleaned_data["team"], by=by, version=version),
        "Case allocated",
    ),
    "extend": CaseAction(
        "Extend Stage 1", ExtendForm,
        lambda case, form, by, version: services.extend_stage_one(
            case, new_due=form.cleaned_data["new_due"], reason=form.cleaned_data["reason"],
            told_on=form.cleaned_data["told_on"], by=by, version=version),
        "Stage 1 extended",
    ),
    "respond": CaseAction(
        "Record the Stage 1 response", RespondForm,
        lambda case, form, by, version: services.respond_stage_one(
            case, on=form.cleaned_data["on"], findings=form.findings(), by=by, version=version),
        "Stage 1 response recorded",
    ),
    "withdraw": CaseAction(
        "Record that the complaint was withdrawn", WithdrawForm,
        lambda case, form, by, version: services.withdraw(
            case, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"], by=by, version=version),
        "Withdrawal recorded",
    ),
}
