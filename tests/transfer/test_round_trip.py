"""Export everything, import it into an emptied database, export again: the
same workbook, and every record equal field by field.

The data is the demonstration year (made through the procedure functions:
extensions, withdrawals, Stage 2 and 3 panels, remedies, learning) plus a
deferral, equality monitoring and every other kind of record."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from complaints.accounts.models import Team
from complaints.casework import procedure
from complaints.casework.models import (
    Case,
    Child,
    Complainant,
    Disability,
    Ethnicity,
    Learning,
    Monitoring,
    PanelMember,
    Point,
    Religion,
    Remedy,
    Stage,
)
from complaints.records import services as records
from complaints.records.models import Action, ActionUpdate, Compliment, Cost, MembersEnquiry, OmbudsmanCase
from complaints.reports.models import EnteredFigure
from complaints.transfer.importer import import_file
from complaints.transfer.workbook import write_export

# Fields that say when or in which order a row was made, not what it records.
NOT_COMPARED = {"id", "created_at", "updated_at", "version", "entered_at", "entered_by_id"}


def table(model, **natural):
    """Every row of ``model`` as a sorted list, each foreign key replaced by
    the natural key ``natural`` names for it (ids differ after an import)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in NOT_COMPARED]
    lookups = [lookup for name in names for lookup in natural.get(name, (name,))]
    return sorted(model.objects.values_list(*lookups), key=repr)


def snapshot() -> dict:
    case = {"case_id": ("case__reference",)}
    child = {"child_id": ("child__case__reference", "child__name")}
    return {
        "cases": table(Case),
        "restricted_to": sorted(Case.restricted_to.through.objects.values_list("case__reference", "user__username")),
        "complainants": table(Complainant, **case),
        "children": table(Child, **case),
        "monitoring": table(Monitoring, **child),
        "disabilities": sorted(Monitoring.disabilities.through.objects.values_list(
            "monitoring__child__case__reference", "monitoring__child__name", "disability__code")),
        "points": table(Point, **case),
        "stages": table(Stage, **case),
        "panels": table(PanelMember, stage_id=("stage__case__reference", "stage__number")),
        "remedies": table(Remedy, **case),
        "learning": table(Learning, **case),
        "costs": table(Cost, **case),
        "ombudsman": table(OmbudsmanCase, **case),
        "members": table(MembersEnquiry, **case),
        "compliments": table(Compliment),
        "actions": table(Action),
        "action_cases": sorted(Action.cases.through.objects.values_list("action__number", "case__reference")),
        "action_points": sorted(Action.points.through.objects.values_list(
            "action__number", "point__case__reference", "point__number")),
        "action_updates": table(ActionUpdate, action_id=("action__number",)),
        "earlier_years": table(EnteredFigure),
    }


def workbook_rows(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def export() -> bytes:
    out = io.BytesIO()
    write_export(out)
    return out.getvalue()


@pytest.fixture
def a_year_of_records(db, frozen, personas):
    call_command("demo_data", "--allow-without-debug", stdout=io.StringIO())
    cases = Case.objects.filter(kind="complaint").order_by("reference")
    # A deferral on an open complaint: its stage's due date carries the days paused.
    open_case = cases.filter(status="open", current_stage=1).order_by("received_on").first()
    start = open_case.received_on + timedelta(days=1)
    procedure.defer(open_case, on=start, proceedings="court", reason="Court hearing.", by=None)
    procedure.resume(open_case, on=start + timedelta(days=7), by=None)
    procedure.restrict(cases.filter(status="closed").last(), restricted=True, people=[personas["officer"]],
                       reason="About a member of staff's family.", by=personas["admin"])
    child = Child.objects.order_by("pk").first()
    monitoring = Monitoring.objects.create(child=child, gender="female", ethnicity=Ethnicity.objects.get(code="WBRI"),
                                           religion=Religion.objects.get(code="none"))
    monitoring.disabilities.set(Disability.objects.filter(code__in=["MOB", "AUT"]))
    first, second = cases.order_by("received_on")[:2]
    Cost.objects.create(category="investigators", amount=Decimal("1250.00"), incurred_on=first.received_on,
                        supplier_or_invoice="INV-0042", case=first)
    Cost.objects.create(category="publicity", amount=Decimal("87.50"), incurred_on=first.received_on,
                        description="=Leaflets (not a formula)")
    OmbudsmanCase.objects.create(reference="22 001 234", enquiry_on=second.received_on, case=second,
                                 decision="upheld", decision_on=second.received_on + timedelta(days=30),
                                 fault_found=True, remedy_apology=True, remedy_payment=True,
                                 payment_amount=Decimal("300.00"))
    OmbudsmanCase.objects.create(reference="21 009 876", enquiry_on=first.received_on, decision="maladmin_inj",
                                 decision_on=first.received_on + timedelta(days=60))
    records.record_members_enquiry(member_name="Cllr Ada Lovelace", member_kind="councillor",
                                   received_on=first.received_on, subject="Respite care",
                                   team=Team.objects.get(name="Fostering"), case=first,
                                   responded_on=first.received_on + timedelta(days=12))
    records.record_members_enquiry(member_name="Sam Jones MP", member_kind="mp", received_on=second.received_on,
                                   subject="School transport")
    Compliment.objects.create(received_on=second.received_on, team=Team.objects.get(name="Leaving Care"),
                              given_by="young_person", words="Teju was brilliant, thank you Teju.",
                              staff_named="Teju", consent_to_publish=True)
    action = Action.objects.create(number=1, task="Return calls within two working days", owners="Team managers",
                                   starts_on=first.received_on, intended_outcome="Families are kept informed",
                                   target_text="On-going", status="in_progress")
    action.cases.set([first, second])
    action.points.set([first.points.get(number=1)])
    ActionUpdate.objects.create(action=action, written_on=second.received_on, text="Reminder sent to every team.")
    EnteredFigure.objects.create(year="2020-21", table_id="totals", row="Stage 1", value=Decimal("79"))


def empty_the_database():
    for model in (ActionUpdate, Action, OmbudsmanCase, Cost, MembersEnquiry, Compliment, EnteredFigure, Case):
        model.objects.all().delete()


def test_export_then_import_into_an_empty_database_gives_the_same_records_and_workbook(a_year_of_records):
    before = snapshot()
    first = export()
    empty_the_database()
    assert not Case.objects.exists()

    report = import_file(io.BytesIO(first), "records.xlsx", commit=True)

    assert report.committed, report.describe()
    after = snapshot()
    for name, rows in before.items():
        assert after[name] == rows, name
    assert workbook_rows(export()) == workbook_rows(first)


def test_importing_an_export_into_the_database_it_came_from_changes_nothing(a_year_of_records):
    report = import_file(io.BytesIO(export()), "records.xlsx", commit=False)
    assert report.ok, report.describe()
    assert all(counts["created"] == counts["updated"] == 0 for counts in report.counts.values()), report.summary()
    assert report.counts["Cases"]["unchanged"] == Case.objects.count()


def test_the_round_trip_gives_the_same_annual_report_for_every_year(a_year_of_records):
    """Export, empty, import: each year's report (both editions) is identical. The
    report's own settings entered on the report pages (children receiving
    services, staff-written paragraphs) are not records and stay in place."""
    from complaints.reports.annual import build
    from complaints.years import years_between

    first, last = (Case.objects.order_by(order).values_list("received_on", flat=True).first()
                   for order in ("received_on", "-received_on"))
    years = [str(year) for year in years_between(first, last)]
    before = {(y, e): build(y, edition=e).as_dict() for y in years for e in ("internal", "published")}
    data = export()
    empty_the_database()
    assert import_file(io.BytesIO(data), "records.xlsx", commit=True).committed
    for key, report in before.items():
        assert build(key[0], edition=key[1]).as_dict() == report, key
