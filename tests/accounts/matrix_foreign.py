"""The permission matrix's "foreign record" dimension (issue #18, finding 14).

Every URL that names a record, asked by a role for a record it must not see,
answers exactly as for a record that does not exist and shows nothing of it.

FOREIGN_MATRIX: url name -> (the URL of the foreign record, built from the
foreign case; the URL of one that does not exist; the scenarios that apply).
A scenario says what the foreign record is and which roles must not see it:

- "restricted": a case restricted to one officer who is none of the personas,
  in the test team (so every role's scope would otherwise reach it), and the
  records linked to it; only administrators may see it.
- "other team": an unrestricted case of another team and service area: not
  for responding managers and heads of service (nor those who see no case).
- "subject access": a subject access request: only its handlers may see it.

NOT_A_RECORD: the URLs with a parameter that names no record a role could be
kept from, and why. SHOWS_LINKED: pages that show records linked to cases
(the action plan, the records lists), where a restricted case must not appear.
"""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from complaints.accounts.models import User
from complaints.casework import procedure
from complaints.letters.services import generate_letter
from complaints.records import services as records
from complaints.records.models import Action, Cost, OmbudsmanCase
from tests.accounts.matrix_intake import _attachment_url
from tests.accounts.matrix_subject_access import _pack, _request

ROLES = ["anonymous", "outsider", "officer", "manager", "responding", "head", "reports", "admin"]
UNKNOWN_CASE = "COM-1999-0001"
UNKNOWN_PK = 999999

# What only the foreign case and its records hold.
SECRETS = ["Drew Hiddenfield", "Morgan Hiddenfield", "The carer hurt Morgan", "Hiddenfield placement",
           "INV-HIDDEN-7", "21 000 777"]

SCENARIOS = {
    "restricted": set(ROLES) - {"admin"},
    "other team": {"anonymous", "outsider", "responding", "head", "reports"},
    "subject access": set(ROLES) - {"manager", "admin"},
}


def foreign_case(scenario, record_complaint, team, other_team):
    """The case the scenario keeps from its roles, with its secrets."""
    case = record_complaint(
        team=other_team if scenario == "other team" else team, complainant="Drew Hiddenfield",
        child="Morgan Hiddenfield", points=["The carer hurt Morgan"], received_on=date(2021, 9, 9))
    if scenario == "restricted":
        named = User.objects.create_user("named_officer", password="correct-horse-battery",
                                         role=User.Role.OFFICER)
        procedure.restrict(case, restricted=True, people=[named], reason="Staff family", by=named)
    return case


def _case_url(name, *extra):
    return (lambda case: reverse(name, args=[case.reference, *extra]),
            lambda: reverse(name, args=[UNKNOWN_CASE, *extra]))


def _record_url(name, make):
    return (lambda case: reverse(name, args=[make(case).pk]),
            lambda: reverse(name, args=[UNKNOWN_PK]))


def _cost(case):
    return Cost.objects.create(category=Cost.Category.PAYMENTS, amount=Decimal("300.00"),
                               incurred_on=date(2023, 2, 1), supplier_or_invoice="INV-HIDDEN-7",
                               case=case)


def _ombudsman(case):
    return OmbudsmanCase.objects.create(reference="21 000 777", enquiry_on=date(2023, 3, 1), case=case)


def _enquiry(case):
    return records.record_members_enquiry(
        member_name="Cllr Jo Patel", member_kind="councillor", received_on=date(2022, 12, 16),
        subject="Hiddenfield placement", case=case)


def _letter(case):
    return reverse("letter_download", args=[case.reference,
                                            generate_letter(case, "acknowledgement", by=None).pk])


CASES = ("restricted", "other team")

FOREIGN_MATRIX = {
    "case_detail": (*_case_url("case_detail"), CASES),
    "case_action": (*_case_url("case_action", "acknowledge"), CASES),
    "case_letters": (*_case_url("case_letters"), CASES),
    "letter_generate": (*_case_url("letter_generate", "acknowledgement"), CASES),
    "letter_download": (_letter, lambda: reverse("letter_download", args=[UNKNOWN_CASE, UNKNOWN_PK]),
                        CASES),
    "attachment_download": (
        _attachment_url, lambda: reverse("attachment_download", args=[UNKNOWN_CASE, UNKNOWN_PK]), CASES),
    "case_equality": (*_case_url("case_equality"), CASES),
    "cost_edit": (*_record_url("cost_edit", _cost), ("restricted",)),
    "ombudsman_detail": (*_record_url("ombudsman_detail", _ombudsman), ("restricted",)),
    "ombudsman_edit": (*_record_url("ombudsman_edit", _ombudsman), ("restricted",)),
    "members_edit": (*_record_url("members_edit", _enquiry), ("restricted",)),
    "members_respond": (*_record_url("members_respond", _enquiry), ("restricted",)),
    "subject_access_detail": (lambda case: reverse("subject_access_detail", args=[_request().reference]),
                              lambda: reverse("subject_access_detail", args=["SAR-1999-0001"]),
                              ("subject access",)),
    "subject_access_search": (lambda case: reverse("subject_access_search", args=[_request().reference]),
                              lambda: reverse("subject_access_search", args=["SAR-1999-0001"]),
                              ("subject access",)),
    "subject_access_download": (
        lambda case: reverse("subject_access_download", args=[_pack().request.reference, _pack().pk]),
        lambda: reverse("subject_access_download", args=["SAR-1999-0001", UNKNOWN_PK]),
        ("subject access",)),
    "subject_access_change": (
        lambda case: reverse("subject_access_change", args=[_request().reference, "extend"]),
        lambda: reverse("subject_access_change", args=["SAR-1999-0001", "extend"]),
        ("subject access",)),
}

NOT_A_RECORD = {
    # The action plan is everyone's who may read records; what it shows of a
    # foreign case is SHOWS_LINKED's business.
    "action_detail": "an action is no one's to keep from a reader of records",
    "action_edit": "an action is no one's to keep from a reader of records",
    "action_update_new": "an action is no one's to keep from a reader of records",
    "compliment_edit": "a compliment names no case",
    "compliment_approve": "a compliment names no case",
    "compliment_withdraw_approval": "a compliment names no case",
    "report_annual": "a year", "report_annual_download": "a year and a format",
    "report_quarterly": "a quarter", "report_quarterly_download": "a quarter and a format",
    "report_figures": "a year", "report_section": "a year and a section",
    "letter_template_download": "a kind of letter", "letter_template_replace": "a kind of letter",
    "letter_template_reset": "a kind of letter",
    "intake_start": "a public form", "intake_step": "a public form's question",
    "intake_check": "a public form", "intake_sent": "a public form",
}


def _action(case):
    action = Action.objects.create(number=1, task="Return calls", owners="Heads of service",
                                   starts_on=date(2023, 4, 1), intended_outcome="Fewer complaints")
    action.cases.add(case)
    action.points.add(*case.points.all())
    return action


def link_every_record(case):
    """Link an action (with the case's points), a cost, an Ombudsman case and a
    members' enquiry to ``case``; the action's id."""
    _cost(case), _ombudsman(case), _enquiry(case)
    return _action(case).pk


# Pages that show records linked to cases: url name -> the URL, given the action's id.
SHOWS_LINKED = {
    "action_list": lambda action: reverse("action_list"),
    "action_detail": lambda action: reverse("action_detail", args=[action]),
    "action_edit": lambda action: reverse("action_edit", args=[action]),
    "cost_list": lambda action: reverse("cost_list") + "?year=2022",
    "ombudsman_list": lambda action: reverse("ombudsman_list") + "?year=2022",
    "members_list": lambda action: reverse("members_list") + "?year=2022",
    "records_index": lambda action: reverse("records_index"),
    "case_list": lambda action: reverse("case_list") + "?q=Hiddenfield",
    "my_work": lambda action: reverse("my_work"),
}
