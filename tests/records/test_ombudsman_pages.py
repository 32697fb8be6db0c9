"""The Ombudsman pages: enquiries and decisions in either LGSCO wording, remedies,
and overdue compliance; opening one linked to a complaint is audited."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.records.models import OmbudsmanCase
from tests.records.conftest import govuk_date


def _post(client, url, **fields):
    data = {"reference": "22 004 123", "case": "", "decision": "", "fault_found": "",
            "injustice_found": "", "payment_amount": "",
            **govuk_date("enquiry_on", date(2023, 3, 1)), **govuk_date("decision_on", None),
            **govuk_date("compliance_due_on", None), **govuk_date("complied_on", None)}
    data.update(fields)
    return client.post(url, data)


def test_adding_a_decided_case_with_remedies_saves_every_field(officer_client, record_complaint):
    case = record_complaint()
    response = _post(
        officer_client, reverse("ombudsman_new"), case=case.reference, decision="maladmin_inj",
        fault_found="yes", injustice_found="no", remedies=["remedy_apology", "remedy_payment"],
        payment_amount="300", **govuk_date("decision_on", date(2023, 5, 10)),
        **govuk_date("compliance_due_on", date(2023, 6, 10)),
    )
    ombudsman = OmbudsmanCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ombudsman_detail", args=[ombudsman.pk])
    assert (ombudsman.case, ombudsman.decision, ombudsman.vocabulary) == (case, "maladmin_inj", "older")
    assert (ombudsman.fault_found, ombudsman.injustice_found) == (True, False)
    assert ombudsman.remedies() == ["Apology", "Payment"]
    assert ombudsman.payment_amount == Decimal("300.00")
    assert ombudsman.compliance_due_on == date(2023, 6, 10) and ombudsman.complied_on is None
    assert AuditEntry.objects.filter(action="create", object_type="records.ombudsmancase").exists()


def test_a_case_in_the_current_wording_is_recorded_too(officer_client):
    _post(officer_client, reverse("ombudsman_new"), decision="not_for_us",
          **govuk_date("decision_on", date(2023, 3, 20)))
    assert OmbudsmanCase.objects.get().vocabulary == "current"


def test_refusals_name_the_problem_and_save_nothing(officer_client, record_complaint):
    record_complaint()
    OmbudsmanCase.objects.create(reference="22 000 001", enquiry_on=date(2023, 1, 5))
    response = _post(
        officer_client, reverse("ombudsman_new"), reference="22 000 001", case="COM-2021-0999",
        decision="upheld", payment_amount="300", **govuk_date("complied_on", date(2023, 2, 1)),
    )
    html = response.content.decode()
    for message in (
        "There is already an Ombudsman case with the reference 22 000 001",
        "There is no case with the reference COM-2021-0999",
        "Enter the decision date",
        "Select Payment in the remedies agreed, or leave the payment blank",
        "Date the remedies were completed must be on or after the date the enquiry was received",
    ):
        assert message in html
    assert OmbudsmanCase.objects.count() == 1


def test_a_decision_before_the_enquiry_is_refused(officer_client):
    response = _post(officer_client, reverse("ombudsman_new"), decision="upheld",
                     **govuk_date("decision_on", date(2023, 2, 1)))
    assert "Decision date must be on or after the date the enquiry was received" in (
        response.content.decode())
    assert not OmbudsmanCase.objects.exists()


def test_changing_a_case_shows_its_remedies_and_records_compliance(officer_client):
    ombudsman = OmbudsmanCase.objects.create(
        reference="22 004 123", enquiry_on=date(2023, 3, 1), decision="upheld",
        decision_on=date(2023, 4, 1), fault_found=True, remedy_payment=True,
        payment_amount=Decimal("300"), compliance_due_on=date(2023, 5, 1))
    url = reverse("ombudsman_edit", args=[ombudsman.pk])
    html = officer_client.get(url).content.decode()
    assert 'value="remedy_payment" class="govuk-checkboxes__input" id="id_remedies_1" checked' in html
    assert 'value="yes" class="govuk-radios__input" id="id_fault_found_0" checked' in html

    response = _post(officer_client, url, decision="upheld", fault_found="yes",
                     remedies=["remedy_payment"], payment_amount="300.00",
                     **govuk_date("decision_on", date(2023, 4, 1)),
                     **govuk_date("compliance_due_on", date(2023, 5, 1)),
                     **govuk_date("complied_on", date(2023, 5, 20)))
    assert response.status_code == 302
    ombudsman.refresh_from_db()
    assert ombudsman.complied_on == date(2023, 5, 20) and ombudsman.remedy_payment
    assert AuditEntry.objects.filter(action="change", object_id=str(ombudsman.pk)).exists()


def test_overdue_compliance_is_flagged_on_the_list_whatever_the_year(officer_client):
    late = OmbudsmanCase.objects.create(
        reference="21 111 111", enquiry_on=date(2022, 1, 5), compliance_due_on=date(2023, 5, 31))
    OmbudsmanCase.objects.create(
        reference="22 222 222", enquiry_on=date(2023, 4, 5), compliance_due_on=date(2023, 6, 1))
    OmbudsmanCase.objects.create(
        reference="22 333 333", enquiry_on=date(2023, 4, 6), compliance_due_on=date(2023, 5, 1),
        complied_on=date(2023, 5, 2))
    response = officer_client.get(reverse("ombudsman_list"))
    assert list(response.context["overdue"]) == [late]
    assert [o.reference for o in response.context["ombudsman_cases"]] == ["22 333 333", "22 222 222"]
    assert response.content.decode().count("Overdue</strong>") == 1


def test_opening_a_case_linked_to_a_complaint_is_recorded_against_the_complaint(
    officer_client, record_complaint
):
    case = record_complaint()
    linked = OmbudsmanCase.objects.create(reference="22 004 123", enquiry_on=date(2023, 3, 1), case=case)
    unlinked = OmbudsmanCase.objects.create(reference="22 004 124", enquiry_on=date(2023, 3, 1))

    html = officer_client.get(reverse("ombudsman_detail", args=[linked.pk])).content.decode()
    officer_client.get(reverse("ombudsman_detail", args=[unlinked.pk]))

    assert f'href="{reverse("case_detail", args=[case.reference])}"' in html
    entry = AuditEntry.objects.get(action="view")
    assert (entry.object_type, entry.object_repr, entry.detail) == (
        "casework.case", case.reference, "Ombudsman case 22 004 123")


def test_a_report_viewer_sees_the_complaint_reference_but_no_link_to_it(signed_in, record_complaint):
    case = record_complaint()
    ombudsman = OmbudsmanCase.objects.create(reference="22 004 123", enquiry_on=date(2023, 3, 1), case=case)
    html = signed_in("reports").get(reverse("ombudsman_detail", args=[ombudsman.pk])).content.decode()
    assert case.reference in html
    assert reverse("case_detail", args=[case.reference]) not in html
    assert reverse("ombudsman_edit", args=[ombudsman.pk]) not in html
