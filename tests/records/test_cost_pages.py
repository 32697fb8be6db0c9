"""The costs pages: a financial year's costs with totals by category, added and
changed through GOV.UK forms, optionally against a case by its reference."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records.models import Cost
from tests.records.conftest import govuk_date

C = Cost.Category


def _cost(category, amount, on, **extra):
    return Cost.objects.create(category=category, amount=Decimal(amount), incurred_on=on, **extra)


def _post(client, url, **fields):
    data = {"category": "investigators", "amount": "1,250.00", "supplier_or_invoice": "INV-77",
            "description": "", "case": "", **govuk_date("incurred_on", date(2023, 5, 2))}
    data.update(fields)
    return client.post(url, data)


def test_the_list_shows_one_financial_year_april_to_march_with_totals_per_category(
    officer_client, django_assert_max_num_queries
):
    _cost(C.PUBLICITY, "100.00", date(2022, 4, 1))  # first day of 2022-23
    _cost(C.PUBLICITY, "50.50", date(2023, 3, 31))  # last day of 2022-23
    _cost(C.INVESTIGATORS, "1250.00", date(2022, 11, 3))
    _cost(C.PAYMENTS, "300.00", date(2023, 4, 1))  # 2023-24
    _cost(C.PAYMENTS, "999.00", date(2022, 3, 31))  # 2021-22

    with django_assert_max_num_queries(8):
        response = officer_client.get(reverse("cost_list"), {"year": "2022"})

    totals = response.context["totals"]
    assert totals["by_category"] == {
        "Publicity and leaflets": Decimal("150.50"), "Independent investigators": Decimal("1250.00"),
        "Independent persons": Decimal("0.00"), "Review panel": Decimal("0.00"),
        "Payments to complainants": Decimal("0.00"),
    }
    assert totals["total"] == Decimal("1400.50")
    html = response.content.decode()
    assert "£1,400.50" in html and "£1,250.00" in html and "2022-23" in html
    assert len(response.context["costs"]) == 3


def test_the_list_shows_this_financial_year_unless_asked(officer_client):
    _cost(C.PAYMENTS, "300.00", date(2023, 4, 1))
    _cost(C.PUBLICITY, "100.00", date(2023, 3, 31))
    response = officer_client.get(reverse("cost_list"), {"year": "not a year"})
    assert str(response.context["year"]) == "2023-24"
    assert response.context["totals"]["total"] == Decimal("300.00")
    years = [label for _, label in response.context["filters"].fields["year"].choices]
    assert years == ["2023-24", "2022-23"]


def test_adding_a_cost_against_a_case_saves_it_and_records_who_did(officer_client, record_complaint):
    case = record_complaint()
    response = _post(officer_client, reverse("cost_new"), case=case.reference.lower())
    assert response.status_code == 302
    assert response["Location"] == reverse("cost_list") + "?year=2023"
    cost = Cost.objects.get()
    assert (cost.category, cost.amount, cost.incurred_on, cost.case) == (
        "investigators", Decimal("1250.00"), date(2023, 5, 2), case)
    entry = AuditEntry.objects.get(action="create", object_type="records.cost")
    assert entry.username == "officer" and entry.object_id == str(cost.pk)


def test_an_unknown_case_reference_is_refused_by_name_and_nothing_is_saved(officer_client):
    response = _post(officer_client, reverse("cost_new"), case="COM-1999-0001")
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "There is no case with the reference COM-1999-0001" in html
    assert html.count("<title>Error: ") == 1
    assert not Cost.objects.exists() and not AuditEntry.objects.filter(action="create").exists()


def test_missing_and_wrong_values_get_govuk_messages(officer_client):
    response = _post(officer_client, reverse("cost_new"), category="", amount="",
                     **govuk_date("incurred_on", None))
    html = response.content.decode()
    for message in ("Select what the cost was for", "Enter the amount", "Enter the date incurred"):
        assert message in html
    response = _post(officer_client, reverse("cost_new"), amount="0",
                     **govuk_date("incurred_on", date(2023, 6, 2)))
    html = response.content.decode()
    assert "Amount must be more than £0" in html
    assert "Date incurred must be today or in the past" in html
    response = _post(officer_client, reverse("cost_new"), amount="12.345")
    assert "Amount must be an amount in pounds and pence, like 250.00" in response.content.decode()
    assert not Cost.objects.exists()


def test_changing_a_cost_shows_its_values_and_saves_the_change(officer_client, record_complaint):
    case = record_complaint()
    cost = _cost(C.PUBLICITY, "100.00", date(2023, 4, 20), case=case)
    url = reverse("cost_edit", args=[cost.pk])
    html = officer_client.get(url).content.decode()
    assert f'value="{case.reference}"' in html and 'value="100.00"' in html
    assert 'name="incurred_on_day" value="20"' in html

    response = _post(officer_client, url, category="publicity", amount="£120", case="")
    assert response.status_code == 302
    cost.refresh_from_db()
    assert cost.amount == Decimal("120.00") and cost.case is None
    assert AuditEntry.objects.filter(action="change", object_id=str(cost.pk)).exists()


def test_a_head_of_service_sees_costs_but_no_way_to_change_them(signed_in):
    client = signed_in("head")
    _cost(C.PUBLICITY, "100.00", date(2023, 4, 20))
    html = client.get(reverse("cost_list")).content.decode()
    assert "£100.00" in html
    assert reverse("cost_new") not in html and "Change" not in html
    assert client.post(reverse("cost_new"), {}).status_code == 403


def test_a_year_written_as_people_write_it_is_that_year(officer_client):
    # Issue #15: ?year=2021-22, as the reports' addresses write it, showed this year instead.
    _cost(C.PAYMENTS, "999.00", date(2022, 3, 31))  # 2021-22
    for written in ("2021-22", "2021-2022", "2021"):
        response = officer_client.get(reverse("cost_list"), {"year": written})
        assert str(response.context["year"]) == "2021-22", written
        assert response.context["totals"]["total"] == Decimal("999.00"), written
    nonsense = officer_client.get(reverse("cost_list"), {"year": "next year"})
    assert nonsense.status_code == 200 and str(nonsense.context["year"]) == "2023-24"
