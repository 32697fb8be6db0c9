"""Staff actions on a case page: each a GOV.UK form backed by one domain
function in complaints.casework.services. The view is the same for all."""

from dataclasses import dataclass
from typing import Callable

from django import forms

from complaints import workdays
from complaints.accounts.access import Action
from complaints.accounts.models import Team, User
from complaints.casework import procedure, rules
from complaints.casework.models import Appointee, Case, Deferral, ExtensionKind, Point, Remedy, Stage
from complaints.govuk.forms import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


def _text(label, *, required=True, rows=3, **kwargs):
    return forms.CharField(label=label, max_length=4000, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


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
    new_due = GovukDateField(
        label="New due date",
        help_text=(f"Stage 1: at most {workdays.timescale('statutory', 'stage1_response').max_days} "
                   "working days from receipt. Statutory Stage 2: at most "
                   f"{workdays.timescale('statutory', 'stage2_response').max_days} working days from "
                   "the request."))
    kind = forms.ChoiceField(
        label="Why it is extended", choices=ExtensionKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select why it is extended"},
    )
    reason = forms.CharField(
        label="Reason for the extension", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, to arrange an advocate, or because the complaint is complex",
        error_messages={"required": "Enter the reason for the extension"},
    )
    told_on = GovukDateField(label="Date the complainant was told", allow_future=False)


class FindingsForm(CaseActionForm):
    """A date and a finding for every point of complaint."""

    on = GovukDateField(label="Date of the response", allow_future=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        for point in case.points.all():
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=f"Point {point.number}: {point.summary}", choices=Point.Finding.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a finding for point {point.number}"},
            )


class RespondForm(FindingsForm):
    pass


class PanelMeetingForm(FindingsForm):
    on = GovukDateField(label="Date the panel met", allow_future=False)


def _date_form(name: str, label: str) -> type[CaseActionForm]:
    """A form asking only for one date in the past."""
    return type(name, (CaseActionForm,), {"on": GovukDateField(label=label, allow_future=False)})


PanelReportForm = _date_form("PanelReportForm", "Date of the panel's report")
PanelResponseForm = _date_form("PanelResponseForm", "Date of the council's response")
StatementForm = _date_form("StatementForm", "Date the complaint statement was agreed")
ResumeForm = _date_form("ResumeForm", "Date consideration resumed")


class RouteForm(CaseActionForm):
    procedure = forms.ChoiceField(
        label="Which procedure applies", choices=Case.Procedure.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select which procedure applies"},
    )
    eligibility = forms.ChoiceField(
        label="Who is complaining", choices=Case.Eligibility.choices, widget=forms.RadioSelect,
        required=False, help_text="Needed for the statutory procedure",
    )
    sufficient_interest_on = GovukDateField(
        label="Date the council decided they have sufficient interest", required=False,
        allow_future=False, help_text="Only if the council decided they have sufficient interest",
    )
    child_agrees = forms.ChoiceField(
        label="Does the child agree to the complaint being made for them?",
        choices=Case.ChildAgrees.choices, widget=forms.RadioSelect, required=False,
        help_text="When an adult complains for a child",
    )
    qualifying_function = forms.ChoiceField(
        label="Is it about a function the statutory procedure covers?", choices=YES_NO,
        widget=forms.RadioSelect, required=False,
        help_text="Children in need, looked after children, care leavers, special guardianship "
                  "support, adoption",
    )
    aware_on = GovukDateField(
        label="When the complainant became aware of the matter", required=False, allow_future=False,
        help_text="A complaint is normally made within a year of this",
    )
    time_limit_discretion = _text("Why a complaint made after a year is being considered", required=False)
    on = GovukDateField(label="Date of the decision", allow_future=False)
    reason = _text("Reason for the decision", error_messages={"required": "Enter the reason for the decision"},
                   help_text="This is what you tell the complainant")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if not self.is_bound:
            for name in ("procedure", "eligibility", "child_agrees", "aware_on", "time_limit_discretion",
                         "sufficient_interest_on"):
                self.initial.setdefault(name, getattr(case, name))
            if case.qualifying_function is not None:
                self.initial["qualifying_function"] = "yes" if case.qualifying_function else "no"


class AdvocacyForm(CaseActionForm):
    offered_on = GovukDateField(label="Date an advocate was offered", required=False, allow_future=False)
    accepted = forms.ChoiceField(
        label="Was the offer accepted?", choices=YES_NO + [("", "No answer yet")],
        widget=forms.RadioSelect, required=False,
    )
    provided = forms.BooleanField(label="An advocate was provided", required=False)
    provider = forms.CharField(label="Advocacy provider", max_length=200, required=False)


class DeferForm(CaseActionForm):
    on = GovukDateField(label="Date consideration was deferred", allow_future=False)
    proceedings = forms.ChoiceField(
        label="Which proceedings could be prejudiced", choices=Deferral.Proceedings.choices,
        widget=forms.RadioSelect, error_messages={"required": "Select which proceedings"},
    )
    reason = _text("Why consideration is deferred",
                   error_messages={"required": "Enter why consideration is deferred"})


class ResolveForm(CaseActionForm):
    on = GovukDateField(label="Date resolved", allow_future=False)
    how = _text("How it was resolved", error_messages={"required": "Enter how it was resolved"},
                help_text="For example, at a meeting with the team manager on 3 March")


class RemedyForm(CaseActionForm):
    kind = forms.ChoiceField(label="Remedy", choices=Remedy.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the remedy"})
    amount = forms.DecimalField(
        label="Amount, in pounds", required=False, min_value=0, max_digits=10, decimal_places=2,
        help_text="Only for a financial payment or adjustment",
        error_messages={"invalid": "Amount must be a number, like 150 or 150.50",
                        "min_value": "Amount must be more than £0"},
    )
    detail = _text("Details", required=False)


class LearningForm(CaseActionForm):
    text = _text("What was learned", rows=4, error_messages={"required": "Enter what was learned"})


class RequestForm(CaseActionForm):
    on = GovukDateField(label="Date of the request", allow_future=False)
    late_decision = _text(
        "If the request came after the deadline to ask, why it is accepted", required=False)


class AppointForm(CaseActionForm):
    investigating_officer = forms.CharField(
        label="Investigating officer", max_length=200,
        error_messages={"required": "Enter the investigating officer's name"})
    investigator_kind = forms.ChoiceField(
        label="The investigating officer is", widget=forms.RadioSelect,
        choices=Stage._meta.get_field("investigator_kind").choices,
        error_messages={"required": "Select whether the investigating officer is internal or external"},
    )
    independent_person = forms.ModelChoiceField(
        label="Independent person", queryset=Appointee.objects.all(), required=False,
        help_text="Needed for the statutory procedure. Not a member or officer of the council, nor "
                  "their spouse or civil partner",
    )
    adjudicator = forms.CharField(label="Adjudicating officer", max_length=200, required=False,
                                  help_text="The senior manager who writes the council's response")


class PanelForm(CaseActionForm):
    members = forms.ModelMultipleChoiceField(
        label="Panel members", queryset=Appointee.objects.all(), widget=forms.CheckboxSelectMultiple,
        help_text="Select three independent people",
        error_messages={"required": "Select three panel members"},
    )
    chair = forms.ModelChoiceField(
        label="Chair", queryset=Appointee.objects.all(), widget=forms.RadioSelect,
        error_messages={"required": "Select the chair"},
    )


class RestrictForm(CaseActionForm):
    restricted = forms.BooleanField(label="Restrict this case", required=False,
                                    help_text="Untick to lift the restriction")
    people = forms.ModelMultipleChoiceField(
        label="Who may see it", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=User.objects.filter(is_active=True).exclude(role__in=["", User.Role.REPORTS]),
        help_text="Administrators can always see it. You stay on the list.")
    reason = _text("Why it is restricted", required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if not self.is_bound:
            self.initial.update(restricted=True, reason=case.restriction_reason,
                                people=list(case.restricted_to.all()))


class HoldForm(CaseActionForm):
    on_hold = forms.BooleanField(label="Keep this case past its retention date (legal hold)", required=False)
    reason = _text("Why it is held", required=False, help_text="For example, litigation or an inquiry")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if not self.is_bound:
            self.initial.update(on_hold=True, reason=case.legal_hold_reason)


class WithdrawForm(CaseActionForm):
    on = GovukDateField(label="Date withdrawn", allow_future=False)
    reason = forms.CharField(
        label="Why it was withdrawn", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the complaint was withdrawn"},
    )


@dataclass(frozen=True)
class CaseAction:
    """One step on the case page. ``title`` may name the current stage as
    {stage}; ``offered(case, stage)`` says when the page links to it (the
    domain function still refuses what the procedure does not allow)."""

    title: str
    form: type[CaseActionForm]
    apply: Callable  # (case, cleaned_data, user, version) -> None; raises ProcedureError
    success: str
    offered: Callable = lambda case, stage: case.is_open
    # What the user must be allowed to do to this case (complaints.accounts.access).
    requires: Action = Action.CHANGE_CASE

    def title_for(self, case) -> str:
        return self.title.format(stage=case.current_stage)


def _complaint_open(case, stage):
    return case.is_open and stage is not None and stage.is_open


def _stage_open(*numbers):
    return lambda case, stage: _complaint_open(case, stage) and stage.number in numbers


def _escalation(number):
    def offered(case, stage):
        return (not case.is_open and stage is not None and stage.number == number - 1
                and rules.may_be_asked_for_now(procedure=case.procedure, number=number,
                                               previous_answered_on=stage.responded_on))
    return offered


def _call(function, *fields, **renamed):
    """apply() for a form whose cleaned fields are the function's keyword arguments."""
    def apply(case, data, by, version):
        kwargs = {name: data[name] for name in fields}
        kwargs.update({argument: data[name] for argument, name in renamed.items()})
        return function(case, by=by, version=version, **kwargs)
    return apply


def _route(case, data, by, version):
    return procedure.route(
        case, procedure=data["procedure"], on=data["on"], reason=data["reason"],
        eligibility=data["eligibility"], sufficient_interest_on=data["sufficient_interest_on"],
        child_agrees=data["child_agrees"], qualifying_function=_yes_no(data["qualifying_function"]),
        aware_on=data["aware_on"], time_limit_discretion=data["time_limit_discretion"],
        by=by, version=version)


def _advocacy(case, data, by, version):
    return procedure.record_advocacy(
        case, offered_on=data["offered_on"], accepted=_yes_no(data["accepted"]),
        provided=data["provided"], provider=data["provider"], by=by, version=version)


def _findings(data):
    return {int(name.removeprefix("point_")): value for name, value in data.items()
            if name.startswith("point_")}


ACTIONS = {
    "allocate": CaseAction("Allocate the case", AllocateForm,
                           _call(procedure.allocate, "officer", "team"), "Case allocated",
                           requires=Action.DIRECT_CASE),
    "route": CaseAction(
        "Decide the procedure", RouteForm, _route, "Procedure decision recorded",
        lambda case, stage: case.is_open and case.kind == Case.Kind.COMPLAINT,
        requires=Action.DIRECT_CASE),
    "acknowledge": CaseAction(
        "Record the Stage {stage} acknowledgement", AcknowledgeForm,
        _call(procedure.acknowledge, "on", "method"), "Acknowledgement recorded",
        lambda case, stage: _complaint_open(case, stage) and stage.acknowledge_due_on is not None
        and stage.acknowledged_on is None),
    "advocacy": CaseAction(
        "Record advocacy", AdvocacyForm, _advocacy, "Advocacy recorded",
        lambda case, stage: case.kind == Case.Kind.COMPLAINT),
    "defer": CaseAction(
        "Defer consideration", DeferForm, _call(procedure.defer, "on", "proceedings", "reason"),
        "Consideration deferred", lambda case, stage: _complaint_open(case, stage) and not case.deferred_since),
    "resume": CaseAction(
        "Resume consideration", ResumeForm, _call(procedure.resume, "on"), "Consideration resumed",
        lambda case, stage: _complaint_open(case, stage) and bool(case.deferred_since)),
    "extend": CaseAction(
        "Extend Stage {stage}", ExtendForm,
        _call(procedure.extend, "new_due", "kind", "reason", "told_on"), "Stage extended",
        lambda case, stage: _stage_open(1, 2)(case, stage) and not case.deferred_since,
        requires=Action.DIRECT_CASE),
    "respond": CaseAction(
        "Record the Stage {stage} response", RespondForm,
        lambda case, data, by, version: procedure.respond(
            case, on=data["on"], findings=_findings(data), by=by, version=version),
        "Response recorded", _stage_open(1, 2)),
    "remedy": CaseAction(
        "Add a remedy", RemedyForm, _call(procedure.add_remedy, "kind", "amount", "detail"), "Remedy added",
        lambda case, stage: stage is not None),
    "learning": CaseAction(
        "Record learning", LearningForm, _call(procedure.add_learning, "text"), "Learning recorded",
        lambda case, stage: stage is not None),
    "stage2": CaseAction(
        "Record a Stage 2 request", RequestForm, _call(procedure.request_stage_two, "on", "late_decision"),
        "Stage 2 request recorded", _escalation(2)),
    "appoint": CaseAction(
        "Appoint the Stage 2 investigation", AppointForm,
        _call(procedure.appoint_investigation, "investigating_officer", "investigator_kind",
              "independent_person", "adjudicator"),
        "Stage 2 appointments recorded", _stage_open(2)),
    "statement": CaseAction(
        "Record the date the complaint statement was agreed", StatementForm,
        _call(procedure.record_statement_agreed, "on"), "Statement date recorded",
        lambda case, stage: _stage_open(2)(case, stage) and stage.statement_agreed_on is None),
    "stage3": CaseAction(
        "Record a Stage 3 request", RequestForm, _call(procedure.request_stage_three, "on", "late_decision"),
        "Stage 3 request recorded", _escalation(3)),
    "panel": CaseAction(
        "Choose the review panel", PanelForm, _call(procedure.convene_panel, "members", "chair"),
        "Review panel recorded", lambda case, stage: _stage_open(3)(case, stage) and not stage.panel_on),
    "panel_meeting": CaseAction(
        "Record the review panel meeting", PanelMeetingForm,
        lambda case, data, by, version: procedure.record_panel_meeting(
            case, on=data["on"], findings=_findings(data), by=by, version=version),
        "Panel meeting recorded", lambda case, stage: _stage_open(3)(case, stage) and not stage.panel_on),
    "panel_report": CaseAction(
        "Record the panel's report", PanelReportForm, _call(procedure.record_panel_report, "on"),
        "Panel report recorded",
        lambda case, stage: _stage_open(3)(case, stage) and bool(stage.panel_on) and not stage.report_on),
    "panel_response": CaseAction(
        "Record the council's response to the panel", PanelResponseForm,
        _call(procedure.respond_to_panel, "on"), "Council's response recorded",
        lambda case, stage: _stage_open(3)(case, stage) and bool(stage.report_on)),
    "resolve": CaseAction(
        "Record that it was resolved", ResolveForm, _call(procedure.resolve, "on", "how"), "Resolution recorded"),
    "restrict": CaseAction(
        "Restrict who can see this case", RestrictForm, _call(procedure.restrict, "restricted", "people", "reason"),
        "Restriction saved", lambda case, stage: True, requires=Action.RESTRICT_CASES),
    "hold": CaseAction(
        "Legal hold", HoldForm, _call(procedure.hold, "on_hold", "reason"), "Legal hold saved",
        lambda case, stage: True, requires=Action.RESTRICT_CASES),
    "withdraw": CaseAction(
        "Record that the complaint was withdrawn", WithdrawForm, _call(procedure.withdraw, "on", "reason"),
        "Withdrawal recorded", lambda case, stage: case.is_open and case.kind == Case.Kind.COMPLAINT,
        requires=Action.DIRECT_CASE),
}


def offered_actions(case, stage, allowed=lambda action: True) -> list[tuple[str, str]]:
    """(action slug, title) for every step the case page offers now to someone
    ``allowed`` to do its ``requires``."""
    return [(slug, action.title_for(case)) for slug, action in ACTIONS.items()
            if action.offered(case, stage) and allowed(action.requires)]
