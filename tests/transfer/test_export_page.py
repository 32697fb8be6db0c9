"""The export page: administrators only, every download audited."""

import io

import openpyxl
from django.urls import reverse

from complaints.audit.models import AuditEntry

URL = reverse("transfer_export")


def test_an_administrator_downloads_every_record_and_it_is_audited(client, personas, record_complaint, frozen):
    record_complaint()
    client.force_login(personas["admin"])
    assert "Download every record (XLSX)" in client.get(URL).content.decode()
    response = client.post(URL)
    assert response["Content-Disposition"] == 'attachment; filename="records-2023-02-01.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book["Cases"]["A2"].value == "COM-2022-0001"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.user == personas["admin"] and entry.path == URL and "records-2023-02-01.xlsx" in entry.detail


def test_a_manager_may_not_export(client, personas):
    client.force_login(personas["manager"])
    assert client.post(URL).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()
