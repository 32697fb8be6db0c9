"""python manage.py export_records --output FILE [--by USERNAME]: audited."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from complaints.audit.models import AuditEntry


def test_it_exports_every_record_and_records_who_did(db, frozen, tmp_path, personas, record_complaint):
    record_complaint()
    path = tmp_path / "records.xlsx"
    out = io.StringIO()
    call_command("export_records", "--output", str(path), "--by", "admin", stdout=out)
    assert "  Cases: 1" in out.getvalue()
    book = openpyxl.load_workbook(path)
    assert book["Cases"]["A2"].value == "COM-2022-0001"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.user == personas["admin"]
    assert entry.detail.startswith("Exported every record to records.xlsx by Admin Persona: Cases 1; Points 1")


def test_only_an_administrator_may_be_named(db, tmp_path, personas):
    with pytest.raises(CommandError, match="manager may not do this"):
        call_command("export_records", "--output", str(tmp_path / "x.xlsx"), "--by", "manager")
