"""A realistic database to back up: cases taken through the procedure in two
reporting years (a Stage 3 panel, an extension, a withdrawal, a deferral, a
restriction), equality monitoring, the records beside cases, a generated
letter, audit entries, groups and permissions, an attached file and an
abandoned upload, and a signed-in session (which a backup leaves out)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.accounts.models import Team
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework import procedure
from complaints.casework.models import Appointee, Case, Disability, Ethnicity, Monitoring, Religion
from complaints.intake import uploads
from complaints.intake.models import Attachment
from complaints.letters.services import generate_letter
from complaints.records import services as records
from complaints.records.models import Action, ActionUpdate, Compliment, Cost, OmbudsmanCase
from complaints.reports.models import EnteredFigure

LONDON = ZoneInfo("Europe/London")
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def attachments_dir(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    return settings.ATTACHMENTS_DIR


@pytest.fixture(autouse=True)
def reference_data(db):
    """Put back what migrate loads: a transactional test (a restore flushes)
    empties every table after it, reference data included."""
    import django.apps

    from complaints.casework.reference_data import load

    load(django.apps.apps)


@pytest.fixture
def after_the_walk_through():
    """Wed 1 Mar 2023, 09:15:30.123456 in London and ticking: after every date
    below, with times that have microseconds (the audit log's hashes cover them)."""
    with time_machine.travel(datetime(2023, 3, 1, 9, 15, 30, 123456, tzinfo=LONDON)):
        yield


def _findings(case, *values):
    return dict(zip(case.points.order_by("number").values_list("pk", flat=True), values))


@pytest.fixture
def stored(db, after_the_walk_through, personas, record_complaint, team):
    """Everything the service stores, made the way staff make it."""
    officer, manager, admin = personas["officer"], personas["manager"], personas["admin"]
    people = {name: Appointee.objects.create(name=name) for name in
              ("Pat Independent", "Robin Reviewer", "Sam Chair", "Alex Panellist")}

    # 2021-22: through all three stages.
    panel = record_complaint(by=officer, received_on=date(2021, 6, 7), team=team, officer=officer,
                             points=["Calls not returned", "Wrong school"])
    procedure.respond(panel, on=date(2021, 6, 18), findings=_findings(panel, "upheld", "not_upheld"),
                      by=officer)
    procedure.add_remedy(panel, kind="apology", by=officer)
    procedure.request_stage_two(panel, on=date(2021, 6, 25), by=officer)
    procedure.appoint_investigation(panel, investigating_officer="Chris External", investigator_kind="external",
                                    independent_person=people["Pat Independent"], adjudicator="Dana Director",
                                    by=officer)
    procedure.respond(panel, on=date(2021, 8, 20), findings=_findings(panel, "upheld", "partial"), by=officer)
    procedure.add_remedy(panel, kind="financial", amount=Decimal("250.00"), detail="Time and trouble",
                         by=officer)
    procedure.add_learning(panel, text="Return calls within two working days.", by=officer)
    procedure.request_stage_three(panel, on=date(2021, 8, 27), by=officer)
    members = [people["Robin Reviewer"], people["Sam Chair"], people["Alex Panellist"]]
    procedure.convene_panel(panel, members=members, chair=people["Sam Chair"], by=officer)
    procedure.record_panel_meeting(panel, on=date(2021, 9, 28), findings=_findings(panel, "upheld", "upheld"),
                                   by=officer)
    procedure.record_panel_report(panel, on=date(2021, 10, 1), by=officer)
    procedure.respond_to_panel(panel, on=date(2021, 10, 15), by=officer)

    extended = record_complaint(by=officer, received_on=date(2021, 11, 15), procedure="corporate",
                                complainant="Jo Smith", child="Kai Smith")
    procedure.acknowledge(extended, on=date(2021, 11, 16), method="email", by=officer)
    procedure.extend(extended, new_due=date(2021, 12, 10), reason="Several teams involved.", kind="complex",
                     told_on=date(2021, 11, 26), by=officer)
    procedure.respond(extended, on=date(2021, 12, 8), findings=_findings(extended, "upheld"), by=officer)

    withdrawn = record_complaint(by=officer, received_on=date(2022, 1, 10), complainant="Lee Brown",
                                 child="Mo Brown")
    procedure.withdraw(withdrawn, on=date(2022, 1, 20), reason="Resolved by phone.", by=officer)

    # 2022-23: open cases, one deferred and resumed, one restricted.
    deferred = record_complaint(by=officer, received_on=date(2022, 9, 9), team=team)
    procedure.defer(deferred, on=date(2022, 9, 12), proceedings="court", reason="Care proceedings.", by=officer)
    procedure.resume(deferred, on=date(2022, 9, 26), by=officer)
    restricted = record_complaint(by=manager, received_on=date(2023, 1, 9), complainant="Ash Green",
                                  child="Rae Green", summary="A member of staff's own family.")
    procedure.restrict(restricted, restricted=True, people=[manager, admin], reason="Staff member's family.",
                       by=manager)
    restricted.complainant.address = "1 High Street\nAnytown AB1 2CD"
    restricted.complainant.save()
    generate_letter(restricted, "acknowledgement", by=manager)

    child = panel.children.get()
    monitoring = Monitoring.objects.create(child=child, gender="female", ethnicity=Ethnicity.objects.get(code="WBRI"),
                                           religion=Religion.objects.get(code="none"))
    monitoring.disabilities.set(Disability.objects.filter(code__in=["MOB", "AUT"]))

    # The records beside cases.
    Cost.objects.create(category="investigators", amount=Decimal("1250.00"), incurred_on=date(2021, 8, 1),
                        supplier_or_invoice="INV-0042", case=panel)
    OmbudsmanCase.objects.create(reference="22 001 234", enquiry_on=date(2022, 2, 1), case=panel,
                                 decision="upheld", decision_on=date(2022, 3, 3), fault_found=True,
                                 remedy_apology=True, remedy_payment=True, payment_amount=Decimal("300.00"))
    records.record_members_enquiry(member_name="Cllr Ada Lovelace", member_kind="councillor",
                                   received_on=date(2021, 7, 5), subject="Respite care", team=team,
                                   case=panel, responded_on=date(2021, 7, 12))
    Compliment.objects.create(received_on=date(2021, 12, 1), team=Team.objects.get(name="Leaving Care"),
                              given_by="young_person", words="Teju was brilliant, thank you Teju.",
                              staff_named="Teju", consent_to_publish=True)
    action = Action.objects.create(number=1, task="Return calls within two working days", owners="Team managers",
                                   starts_on=date(2021, 10, 1), intended_outcome="Families are kept informed",
                                   target_on=date(2022, 3, 31), status="in_progress")
    action.cases.set([panel, extended])
    action.points.set([panel.points.get(number=1)])
    ActionUpdate.objects.create(action=action, written_on=date(2022, 1, 5), text="Reminder sent to every team.")
    EnteredFigure.objects.create(year="2020-21", table_id="totals", row="Stage 1", value=Decimal("79"),
                                 entered_by=admin)

    # A file sent with a complaint, and an upload nobody sent.
    kept = uploads.store(SimpleUploadedFile("Letter from school.pdf", PDF), "application/pdf")
    Attachment.objects.create(case=deferred, name=kept.name, content_type=kept.content_type, size=kept.size,
                              sha256=kept.sha256, path=kept.path)
    uploads.store(SimpleUploadedFile("draft.pdf", PDF[:500]), "application/pdf")

    # Who saw what, groups and permissions (named by natural key in a backup),
    # the admin's log (a content type), a signed-in session.
    for case in (panel, extended, restricted):
        audit.record(None, AuditEntry.Action.VIEW, case, user=officer)
    audit.record(None, AuditEntry.Action.EXPORT, None, user=manager, detail="Exported the records")
    auditors = Group.objects.create(name="Auditors")
    auditors.permissions.set(Permission.objects.filter(codename__in=["view_auditentry", "view_case"]))
    admin.groups.add(auditors)
    officer.user_permissions.add(Permission.objects.get(codename="view_compliment"))
    LogEntry.objects.create(user=admin, content_type=ContentType.objects.get_for_model(Appointee),
                            object_id=str(people["Pat Independent"].pk), object_repr="Pat Independent",
                            action_flag=ADDITION, change_message="[]")
    session = SessionStore()
    session["_auth_user_id"] = str(officer.pk)
    session.set_expiry(timedelta(days=1))
    session.create()
    return {"cases": Case.objects.count(), "panel": panel, "session": session.session_key}
