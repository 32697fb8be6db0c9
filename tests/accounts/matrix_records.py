"""Permission matrix rows for the records app's staff pages (costs, Ombudsman, members' correspondence, compliments, action plan).

url name -> (how to build the URL from the test case, the roles allowed);
see test_permission_matrix.py for the role names.

Officers, managers and administrators may view and change records; heads of
service and report viewers may only view them; responding managers neither.
"""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from complaints.records import services
from complaints.records.models import Action, Compliment, Cost, OmbudsmanCase

VIEW = {"officer", "manager", "head", "reports", "admin"}
CHANGE = {"officer", "manager", "admin"}


def _cost(case):
    return Cost.objects.get_or_create(
        category=Cost.Category.PAYMENTS, amount=Decimal("300.00"), incurred_on=date(2023, 2, 1),
        case=case)[0]


def _ombudsman(case):
    return OmbudsmanCase.objects.get_or_create(
        reference="22 004 123", defaults={"enquiry_on": date(2023, 3, 1), "case": case})[0]


def _enquiry(case):
    return services.record_members_enquiry(
        member_name="Cllr Jo Patel", member_kind="councillor", received_on=date(2022, 12, 16),
        subject="Delay in a conference", case=case)


def _compliment(case):
    return Compliment.objects.get_or_create(
        received_on=date(2023, 5, 2), given_by="parent", words="Teju listened.",
        staff_named="Teju")[0]


def _action(case):
    return Action.objects.get_or_create(number=1, defaults={
        "task": "Return calls", "owners": "Heads of service", "starts_on": date(2023, 4, 1),
        "intended_outcome": "Fewer complaints about communication"})[0]


def _url(name, make=None):
    if make is None:
        return lambda case: reverse(name)
    return lambda case: reverse(name, args=[make(case).pk])


RECORDS_MATRIX = {
    "records_index": (_url("records_index"), VIEW),
    "cost_list": (_url("cost_list"), VIEW),
    "cost_new": (_url("cost_new"), CHANGE),
    "cost_edit": (_url("cost_edit", _cost), CHANGE),
    "ombudsman_list": (_url("ombudsman_list"), VIEW),
    "ombudsman_new": (_url("ombudsman_new"), CHANGE),
    "ombudsman_detail": (_url("ombudsman_detail", _ombudsman), VIEW),
    "ombudsman_edit": (_url("ombudsman_edit", _ombudsman), CHANGE),
    "members_list": (_url("members_list"), VIEW),
    "members_new": (_url("members_new"), CHANGE),
    "members_edit": (_url("members_edit", _enquiry), CHANGE),
    "members_respond": (_url("members_respond", _enquiry), CHANGE),
    "compliment_list": (_url("compliment_list"), VIEW),
    "compliment_new": (_url("compliment_new"), CHANGE),
    "compliment_edit": (_url("compliment_edit", _compliment), CHANGE),
    "compliment_approve": (_url("compliment_approve", _compliment), CHANGE),
    "compliment_withdraw_approval": (_url("compliment_withdraw_approval", _compliment), CHANGE),
    "action_list": (_url("action_list"), VIEW),
    "action_new": (_url("action_new"), CHANGE),
    "action_detail": (_url("action_detail", _action), VIEW),
    "action_edit": (_url("action_edit", _action), CHANGE),
    "action_update_new": (_url("action_update_new", _action), CHANGE),
}
