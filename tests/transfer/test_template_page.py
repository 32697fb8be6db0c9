"""Downloading the template from the import page."""

import io

import openpyxl
from django.urls import reverse


def test_a_manager_downloads_the_template(client, personas):
    client.force_login(personas["manager"])
    response = client.get(reverse("transfer_template"))
    assert response["Content-Disposition"] == 'attachment; filename="records-import-template.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames[0] == "Cases"
