"""Restricted cases: who may see one comes in and goes out with it, and only
someone who may see a restricted case may change it by an import."""

from complaints.casework import procedure
from complaints.casework.models import Case
from tests.transfer.conftest import case_row, messages, point_row, xlsx


def test_the_people_who_may_see_a_restricted_case_are_imported(import_records, personas):
    report = import_records(xlsx({"Cases": [case_row(restricted="Yes", people_who_may_see_it="officer; manager",
                                                     restriction_reason="About a member of staff's family.")]}))
    assert report.committed, report.describe()
    case = Case.objects.get()
    assert set(case.restricted_to.values_list("username", flat=True)) == {"officer", "manager"}
    assert case.restriction_reason == "About a member of staff's family."


def test_people_named_for_a_case_that_is_not_restricted_is_a_problem(import_records, personas):
    report = import_records(xlsx({"Cases": [case_row(people_who_may_see_it="officer")]}))
    assert messages(report) == ["Cases: Row 2, 'People who may see it': name the people who may see a case only "
                                "when it is restricted"]


def test_a_manager_may_not_change_a_restricted_case_they_may_not_see(import_records, personas, record_complaint):
    case = record_complaint()
    procedure.restrict(case, restricted=True, people=[personas["officer"]], reason="Staff member's family.",
                       by=personas["admin"])
    rows = {"Cases": [case_row(case_reference=case.reference, team="Leaving Care")],
            "Points": [point_row(case_reference=case.reference, point="Changed")]}
    report = import_records(xlsx(rows), by=personas["manager"])
    reason = f"'{case.reference}' is a restricted case you may not see: only an administrator can import it"
    assert messages(report) == [f"Cases: Row 2, 'Case reference': {reason}",
                                f"Points: Row 2, 'Case reference': {reason}"]
    assert import_records(xlsx(rows), by=personas["admin"]).committed
    assert Case.objects.get().team.name == "Leaving Care"
