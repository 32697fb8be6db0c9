"""The Ombudsman's published decisions list: each row updates the Ombudsman
case held with its reference."""

from datetime import date
from decimal import Decimal

from complaints.records.models import OmbudsmanCase
from tests.transfer.conftest import csv_bytes, messages, xlsx

DECISION = {"Reference": "22 001 234", "Authority": "Example Borough Council",
            "Category": "Education & Children's Services", "Decision": "Upheld",
            "Decision date": "15/12/2022", "Remedy": "Apology, Financial redress: Avoidable distress/time and trouble",
            "Payment": "£300", "Summary": "The council delayed..."}


def held():
    return OmbudsmanCase.objects.create(reference="22 001 234", enquiry_on=date(2022, 10, 3))


def test_a_decision_updates_the_ombudsman_case_with_that_reference(import_records):
    held()
    report = import_records(csv_bytes([DECISION]), name="lgsco-decisions.csv")
    assert report.committed, report.describe()
    case = OmbudsmanCase.objects.get()
    assert (case.decision, case.decision_on, case.payment_amount) == ("upheld", date(2022, 12, 15), Decimal("300.00"))
    assert case.remedies() == ["Apology", "Payment"]
    assert (report.counts["Ombudsman decisions"]["updated"], report.counts["Ombudsman decisions"]["created"]) == (1, 0)


def test_the_list_is_recognised_by_its_headings_in_a_workbook_too(import_records):
    held()
    report = import_records(xlsx({"Sheet1": [DECISION | {"Decision": "Referred back for local resolution",
                                                         "Remedy": "", "Payment": None}]}))
    assert report.committed, report.describe()
    assert OmbudsmanCase.objects.get().decision == "not_for_us"


def test_a_decision_for_a_case_not_held_is_a_problem(import_records):
    report = import_records(csv_bytes([DECISION]), name="decisions.csv")
    assert messages(report) == ["Ombudsman decisions: Row 2, 'Reference': '22 001 234' is not an Ombudsman case "
                                "held: add it to the Ombudsman cases sheet first"]


def test_a_remedy_this_service_does_not_record_is_a_problem(import_records):
    held()
    report = import_records(csv_bytes([DECISION | {"Remedy": "Apology, tea and biscuits"}]), name="decisions.csv")
    assert messages(report) == ["Ombudsman decisions: Row 2, 'Remedy': 'tea and biscuits' is not a remedy this "
                                "service records: apology, payment, corrective action or service improvement"]


def test_a_decision_before_the_enquiry_is_a_problem(import_records):
    held()
    report = import_records(csv_bytes([DECISION | {"Decision date": "2022-09-01"}]), name="decisions.csv")
    assert messages(report) == ["Ombudsman decisions: Row 2, 'Decision date': 01/09/2022 is before the enquiry, "
                                "03/10/2022"]
