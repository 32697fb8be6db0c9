"""Importing the records beside cases: costs, Ombudsman cases, members'
correspondence, compliments, the action plan and earlier years' figures."""

from datetime import date
from decimal import Decimal

from complaints.records.models import Action, ActionUpdate, Compliment, Cost, MembersEnquiry, OmbudsmanCase
from complaints.reports.models import EnteredFigure
from tests.transfer.conftest import case_row, messages, point_row, xlsx

COST = {"Date incurred": "2022-10-03", "Category": "Independent investigators", "Amount": "£1,250.50",
        "Supplier or invoice number": "INV-0042"}
OMBUDSMAN = {"LGSCO reference": "22 001 234", "Enquiry date": "2022-10-03"}
MEMBERS = {"Member's name": "Cllr Ada Lovelace", "Councillor or MP": "Councillor",
           "Date received": "16/12/2022", "Subject": "Respite care"}
COMPLIMENT = {"Date received": "2022-11-01", "Team": "Leaving Care", "Who gave it": "Young person",
              "What they said": "Teju was brilliant.", "Staff named": "Teju", "Agreed to publication": "Yes"}
ACTION = {"Action number": 1, "Task": "Return calls within two days", "Owners": "Team managers",
          "Start date": "2022-10-01", "Intended outcome": "Families kept informed", "Target in words": "On-going"}


def test_a_cost_is_created_once_however_often_it_is_imported(import_records):
    data = xlsx({"Costs": [COST]})
    import_records(data)
    again = import_records(data)
    assert again.counts["Costs"]["unchanged"] == 1
    cost = Cost.objects.get()
    assert (cost.category, cost.amount, cost.incurred_on) == ("investigators", Decimal("1250.50"), date(2022, 10, 3))


def test_the_same_cost_twice_in_a_file_is_a_problem(import_records):
    report = import_records(xlsx({"Costs": [COST, COST]}))
    assert messages(report)[0].startswith("Costs: Row 3, 'Date incurred': Date incurred '2022-10-03' and Category "
                                          "'Independent investigators' and Amount '£1,250.50'")


def test_a_cost_of_nothing_is_a_problem(import_records):
    report = import_records(xlsx({"Costs": [COST | {"Amount": 0}]}))
    assert messages(report) == ["Costs: Row 2, 'Amount': a cost is more than £0"]


def test_an_ombudsman_case_links_to_its_case_and_keeps_its_remedies(import_records):
    report = import_records(xlsx({"Cases": [case_row()], "Points": [point_row()], "Ombudsman cases": [
        OMBUDSMAN | {"Case reference": "COM-2022-0001", "Decision": "Upheld: maladministration and injustice",
                     "Decision date": "2022-12-01", "Apology": "Yes", "Payment": "yes", "Payment amount": 300,
                     "Remedy due by": "2023-03-01"}]}))
    assert report.committed, report.describe()
    ombudsman = OmbudsmanCase.objects.get()
    assert ombudsman.case.reference == "COM-2022-0001" and ombudsman.decision == "maladmin_inj"
    assert ombudsman.remedies() == ["Apology", "Payment"] and ombudsman.payment_amount == Decimal("300.00")
    assert ombudsman.compliance_due_on == date(2023, 3, 1)


def test_an_ombudsman_payment_needs_payment_to_be_a_remedy(import_records):
    report = import_records(xlsx({"Ombudsman cases": [OMBUDSMAN | {"Payment amount": 300, "Decision": "upheld"}]}))
    assert messages(report) == ["Ombudsman cases: Row 2, 'Decision date': give the date of the decision",
                                "Ombudsman cases: Row 2, 'Payment': a payment amount needs Payment: Yes"]


def test_a_members_enquiry_is_due_ten_working_days_after_it_was_received(import_records):
    import_records(xlsx({"Members' correspondence": [MEMBERS | {"Team": "Fostering", "Date responded": "2023-01-05"}]}))
    enquiry = MembersEnquiry.objects.get()
    assert enquiry.due_on == date(2023, 1, 4)
    assert "Skipped" in enquiry.due_date_explained() and not enquiry.answered_within_target


def test_a_members_response_before_it_was_received_is_a_problem(import_records):
    report = import_records(xlsx({"Members' correspondence": [MEMBERS | {"Date responded": "2022-12-01"}]}))
    assert messages(report) == ["Members' correspondence: Row 2, 'Date responded': 01/12/2022 is before the date "
                                "received, 16/12/2022"]


def test_a_compliment_keeps_its_words_and_whether_it_may_be_published(import_records):
    import_records(xlsx({"Compliments": [COMPLIMENT]}))
    compliment = Compliment.objects.get()
    assert compliment.published_words() == "X was brilliant." and compliment.consent_to_publish


def test_an_imported_compliment_is_quoted_only_once_approved_with_its_words(import_records):
    import_records(xlsx({"Compliments": [COMPLIMENT | {
        "As published": "X was brilliant.", "Approved for publishing on": "2022-11-02"}]}))
    assert Compliment.objects.publishable().get().published_text == "X was brilliant."


def test_an_approval_without_agreement_or_words_is_a_problem_in_its_row(import_records):
    report = import_records(xlsx({"Compliments": [
        COMPLIMENT | {"Agreed to publication": "No", "As published": "X was brilliant.",
                      "Approved for publishing on": "2022-11-02"},
        COMPLIMENT | {"What they said": "Sam helped.", "Approved for publishing on": "2022-11-02"}]}))
    assert not report.committed and not Compliment.objects.exists()
    text = "\n".join(messages(report))
    assert "Row 2" in text and "agreed to publication" in text
    assert "Row 3" in text and "Enter the words to publish" in text


def test_an_action_links_the_cases_and_points_it_came_from_and_its_updates(import_records):
    report = import_records(xlsx({
        "Cases": [case_row(), case_row(case_reference="COM-2022-0002")],
        "Points": [point_row(), point_row(case_reference="COM-2022-0002")],
        "Actions": [ACTION | {"Cases": "COM-2022-0001; COM-2022-0002", "Points": "COM-2022-0002 point 1",
                              "Status": "In progress"}],
        "Action updates": [{"Action number": 1, "Date": "2022-12-01", "Update": "Reminder sent."}],
    }))
    assert report.committed, report.describe()
    action = Action.objects.get()
    assert sorted(action.cases.values_list("reference", flat=True)) == ["COM-2022-0001", "COM-2022-0002"]
    assert list(action.points.values_list("case__reference", "number")) == [("COM-2022-0002", 1)]
    assert action.updates.get().text == "Reminder sent." and action.target() == "On-going"


def test_an_action_naming_a_point_nobody_holds_is_a_problem(import_records):
    report = import_records(xlsx({"Actions": [ACTION | {"Points": "COM-2022-0009 point 3"}]}))
    assert messages(report) == ["Actions: Row 2, 'Points': 'COM-2022-0009 point 3' is not a point of complaint in "
                                "the file or held"]


def test_an_update_to_an_action_nobody_holds_is_a_problem(import_records):
    report = import_records(xlsx({"Action updates": [{"Action number": 7, "Date": "2022-12-01", "Update": "Done."}]}))
    assert messages(report) == ["Action updates: Row 2, 'Action number': there is no action 7 in the Actions "
                                "sheet or held"]
    assert not ActionUpdate.objects.exists()


def test_earlier_years_figures_go_to_the_reports_entered_figures(import_records, personas):
    report = import_records(xlsx({"Earlier years' figures": [
        {"Year": "2020-2021", "Table": "totals", "Row": "Stage 1", "Value": 79},
        {"Year": "2020-21", "Table": "totals", "Row": "Enquiries", "Column": "2020-21", "Value": 74},
    ]}), by=personas["manager"])
    assert report.committed, report.describe()
    assert set(EnteredFigure.objects.values_list("year", "table_id", "row", "value", "entered_by__username")) == {
        ("2020-21", "totals", "Stage 1", Decimal("79"), "manager"),
        ("2020-21", "totals", "Enquiries", Decimal("74"), "manager")}


def test_an_earlier_years_figure_for_another_column_is_a_problem(import_records):
    report = import_records(xlsx({"Earlier years' figures": [
        {"Year": "2020-21", "Table": "outcomes", "Row": "Upheld", "Column": "%", "Value": 21}]}))
    assert messages(report) == ["Earlier years' figures: Row 2, 'Column': the report keeps one figure for each "
                                "year, table and row: leave this blank"]


def test_a_year_that_is_not_a_reporting_year_is_a_problem(import_records):
    report = import_records(xlsx({"Earlier years' figures": [
        {"Year": "2020-22", "Table": "totals", "Row": "Stage 1", "Value": 79}]}))
    assert messages(report) == ["Earlier years' figures: Row 2, 'Year': '2020-22' is not a reporting year like "
                                "2020-21"]
