"""Importing cases with their points, children and complainants: created,
matched, updated, checked, and written all or nothing."""

from datetime import date, datetime

from complaints.accounts.models import Team
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case, Child, Monitoring, Point, Stage, TimelineEntry
from tests.transfer.conftest import case_row, child_row, messages, point_row, xlsx


def records(*cases, points=None, children=None, **sheets):
    return xlsx({"Cases": list(cases), "Points": points or [point_row()],
                 "Children": children or [child_row()], **sheets})


def test_a_dry_run_says_what_it_would_create_and_saves_nothing(import_records):
    report = import_records(records(case_row()), commit=False)
    assert report.ok and not report.committed
    assert report.counts["Cases"]["created"] == 1
    assert report.counts["Points"]["created"] == 1
    assert report.counts["Stages"]["created"] == 1
    assert "Cases: 1 to create, 0 to update, 0 unchanged" in report.describe()
    assert not Case.objects.exists() and not TimelineEntry.objects.exists()


def test_a_committed_import_creates_the_case_its_people_points_and_stage_one(import_records, personas):
    report = import_records(records(case_row(), children=[
        child_row(gender="female", ethnicity="wbri", disabilities="MOB; autism or asperger syndrome"),
        child_row(child_number=2, child_name="Jo Taylor", date_of_birth=None, age_at_receipt=4),
    ]), by=personas["manager"])
    assert report.committed, report.describe()
    case = Case.objects.get(reference="COM-2022-0001")
    assert case.procedure == "statutory" and case.team == Team.objects.get(name="Fostering")
    assert case.complainant.name == "Sam Taylor" and case.complainant.relationship == "parent"
    assert case.points.get().theme.code == "communication"
    alex, jo = case.children.all()
    assert alex.age_at_receipt == 10 and jo.age_at_receipt == 4 and jo.date_of_birth is None
    assert alex.monitoring.gender == "female" and alex.monitoring.ethnicity.code == "WBRI"
    assert sorted(alex.monitoring.disabilities.values_list("code", flat=True)) == ["AUT", "MOB"]
    assert not Monitoring.objects.filter(child=jo).exists()
    assert (case.status, case.current_stage) == ("open", 1)


def test_stage_one_due_dates_are_worked_out_by_the_working_day_engine(import_records):
    import_records(records(case_row(received_date="2022-09-09")))
    stage = Stage.objects.get()
    # Ten working days from Fri 9 Sep 2022 skip the State Funeral on Mon 19 Sep.
    assert stage.started_on == date(2022, 9, 9)
    assert stage.due_on == date(2022, 9, 26)
    assert "Mon 19 Sep (Bank holiday" in stage.due_date_explained()
    assert stage.acknowledge_due_on == date(2022, 9, 14)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(import_records, personas):
    data = records(case_row(), case_row(case_reference="ENQ-2022-0001", kind="Enquiry", procedure=None,
                                        enquiry_closed_date="2022-09-12", enquiry_outcome="Resolved"))
    import_records(data, by=personas["manager"])
    stamps = list(Case.objects.values_list("updated_at", flat=True))
    entries = TimelineEntry.objects.count()
    again = import_records(data, by=personas["manager"])
    assert again.committed
    assert {sheet: counts["unchanged"] for sheet, counts in again.counts.items()} == {
        "Cases": 2, "Points": 1, "Children": 1}
    assert all(counts["created"] == counts["updated"] == 0 for counts in again.counts.values())
    assert list(Case.objects.values_list("updated_at", flat=True)) == stamps
    assert TimelineEntry.objects.count() == entries
    assert again.cases_touched == 0


def test_a_changed_row_updates_the_record_it_matches(import_records):
    import_records(records(case_row()))
    report = import_records(records(case_row(team="Leaving Care", complainant_phone="01234 567890"),
                                    points=[point_row(point="Calls and emails not returned")]))
    case = Case.objects.get()
    assert report.counts["Cases"]["updated"] == 1 and report.counts["Points"]["updated"] == 1
    assert case.team.name == "Leaving Care" and case.complainant.phone == "01234 567890"
    assert case.points.get().summary == "Calls and emails not returned"
    assert Case.objects.count() == 1 and Point.objects.count() == 1


def test_a_new_received_date_moves_stage_one_and_its_due_dates(import_records):
    import_records(records(case_row(received_date="2022-09-09")))
    import_records(records(case_row(received_date="2022-12-16")))
    stage = Stage.objects.get()
    assert (stage.started_on, stage.due_on) == (date(2022, 12, 16), date(2023, 1, 4))


def test_the_timeline_and_audit_log_record_the_file_its_checksum_and_who_ran_it(import_records, personas):
    report = import_records(records(case_row(), case_row(case_reference="COM-2022-0002")),
                            by=personas["manager"], name="legacy cases.xlsx")
    text = f"Imported from legacy cases.xlsx (sha256 {report.sha256}) by Manager Persona."
    entries = TimelineEntry.objects.filter(text=text).order_by("case__reference")
    assert list(entries.values_list("case__reference", "by__username")) == [
        ("COM-2022-0001", "manager"), ("COM-2022-0002", "manager")]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
    assert entry.user == personas["manager"]
    assert report.sha256 in entry.detail and "legacy cases.xlsx" in entry.detail
    assert "Cases: 2 created" in entry.detail


def test_nothing_is_saved_when_any_row_has_a_problem(import_records):
    report = import_records(records(case_row(), case_row(case_reference="COM-2022-0002",
                                                         received_date="31/02/2022")))
    assert not report.ok and not report.committed
    assert messages(report) == ["Cases: Row 3, 'Received date': 31/02/2022 is not a date"]
    assert not Case.objects.exists() and not Stage.objects.exists() and not Child.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_misspelt_team_is_reported_with_the_team_it_is_closest_to(import_records):
    report = import_records(records(*[case_row(case_reference=f"COM-2022-{n:04d}") for n in range(1, 20)],
                                    case_row(case_reference="COM-2022-0020", team="Fostring")))
    assert messages(report) == [
        "Cases: Row 21, 'Team': 'Fostring' is not a team — did you mean 'Fostering'?"]
    assert report.problems[0].value == "'Fostring'"


def test_a_choice_nothing_like_the_list_names_the_choices(import_records):
    report = import_records(records(case_row(kind="Grumble")))
    assert messages(report) == ["Cases: Row 2, 'Kind': 'Grumble' is not a kind of case: choose 'Complaint' "
                                "or 'Enquiry'"]


def test_dates_may_be_iso_day_month_year_or_date_cells(import_records):
    import_records(records(
        case_row(received_date="2022-09-09"),
        case_row(case_reference="COM-2022-0002", received_date="9/9/2022"),
        case_row(case_reference="COM-2022-0003", received_date=datetime(2022, 9, 9)),
    ))
    assert set(Case.objects.values_list("received_on", flat=True)) == {date(2022, 9, 9)}


def test_lists_take_a_label_or_a_code_in_any_case(import_records):
    report = import_records(records(case_row(procedure="CORPORATE", channel="telephone",
                                             complainant_relationship="foster carer", team="fostering")))
    assert report.committed, report.describe()
    case = Case.objects.get()
    assert (case.procedure, case.channel.code, case.complainant.relationship) == (
        "corporate", "telephone", "foster_carer")


def test_blank_optional_cells_are_fine_and_optional_columns_may_be_left_out(import_records):
    row = case_row(team=None, officer="", help_needed="  ")
    report = import_records(xlsx({"Cases": [row]}))
    assert report.committed, report.describe()
    assert Case.objects.get().team is None


def test_a_required_cell_left_blank_is_a_problem(import_records):
    report = import_records(records(case_row(received_date=None)))
    assert messages(report) == ["Cases: Row 2, 'Received date': is blank: every row needs received date"]


def test_a_reference_given_twice_in_a_sheet_is_a_problem(import_records):
    report = import_records(records(case_row(), case_row(team="Leaving Care")))
    assert messages(report) == ["Cases: Row 3, 'Case reference': Case reference 'COM-2022-0001' is already "
                                "on an earlier row: each record once"]


def test_a_point_of_a_case_neither_in_the_file_nor_held_is_a_problem(import_records):
    report = import_records(records(case_row(), points=[point_row(), point_row(case_reference="COM-2099-0001")]))
    assert messages(report) == ["Points: Row 3, 'Case reference': 'COM-2099-0001' is not a case in the "
                                "Cases sheet or held already"]


def test_rows_about_a_case_with_problems_are_not_reported_again(import_records):
    report = import_records(records(case_row(channel="Pigeon")))
    assert messages(report) == ["Cases: Row 2, 'Channel': 'Pigeon' is not a channel: choose 'Letter', 'Email', "
                                "'Telephone', 'Children's app', 'Online' or 'In person'"]


def test_a_point_may_be_added_to_a_case_already_held(import_records, record_complaint):
    record_complaint()
    reference = Case.objects.get().reference
    report = import_records(xlsx({"Points": [point_row(case_reference=reference, point_number=2,
                                                       theme="Delay in providing a service")]}))
    assert report.committed, report.describe()
    assert list(Case.objects.get().points.values_list("number", "theme__code")) == [
        (1, "communication"), (2, "delay")]


def test_a_child_after_a_missing_number_is_a_problem(import_records):
    report = import_records(records(case_row(), children=[child_row(child_number=2)]))
    assert messages(report) == ["Children: Row 2, 'Child number': there is no child 1 of this case before it, "
                                "in the file or held"]


def test_an_age_that_contradicts_the_date_of_birth_is_a_problem(import_records):
    report = import_records(records(case_row(), children=[child_row(age_at_receipt=7)]))
    assert messages(report) == ["Children: Row 2, 'Age at receipt': 7 is not the age the date of birth gives "
                                "on the received date (10)"]


def test_a_complaint_needs_its_procedure_and_an_enquiry_none(import_records):
    report = import_records(records(case_row(procedure=None),
                                    case_row(case_reference="ENQ-2022-0001", kind="enquiry")))
    assert messages(report) == [
        "Cases: Row 2, 'Procedure': a complaint needs its procedure: Statutory or Corporate",
        "Cases: Row 3, 'Procedure': an enquiry follows no procedure: leave this blank",
    ]


def test_an_import_cannot_change_what_kind_a_case_is(import_records):
    import_records(records(case_row()))
    report = import_records(xlsx({"Cases": [case_row(kind="Enquiry", procedure=None)]}))
    assert messages(report) == ["Cases: Row 2, 'Kind': COM-2022-0001 is held as complaint: an import "
                                "cannot change what kind of case it is"]


def test_an_enquiry_closes_with_its_own_date_and_outcome(import_records):
    import_records(xlsx({"Cases": [case_row(case_reference="ENQ-2022-0001", kind="Enquiry", procedure=None,
                                            enquiry_closed_date="2022-09-12", enquiry_outcome="resolved")]}))
    case = Case.objects.get()
    assert (case.status, case.outcome, case.closed_on, case.current_stage) == (
        "closed", "resolved", date(2022, 9, 12), 0)
    assert not case.stages.exists()


def test_a_date_in_the_future_is_a_problem(import_records):
    report = import_records(records(case_row(received_date="2023-02-02")))
    assert messages(report) == ["Cases: Row 2, 'Received date': 02/02/2023 is in the future"]


def test_a_late_complaint_needs_the_discretion_recorded(import_records):
    report = import_records(records(case_row(became_aware_date="2021-09-08")))
    # The procedure's own words (complaints.casework.rules), the same as the routing page's.
    assert messages(report) == ["Cases: Row 2, 'Why a late complaint is considered': The complaint was made "
                                "more than a year after Wed 8 Sep 2021: record why it is being considered "
                                "(the time limit must not be applied rigidly)"]
