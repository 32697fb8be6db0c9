"""The import page: complaints managers and administrators check or import a
file and read what it did or what is wrong with it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.casework.models import Case
from tests.transfer.conftest import case_row, xlsx

URL = reverse("transfer_import")


def upload(client, data, action="check", name="cases.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "action": action})


def test_the_page_offers_the_template_and_the_upload(client, personas):
    client.force_login(personas["manager"])
    page = client.get(URL).content.decode()
    assert reverse("transfer_template") in page and 'type="file"' in page
    assert reverse("transfer_export") not in page  # managers may not export


def test_checking_a_file_says_what_it_would_do_and_saves_nothing(client, personas, frozen):
    client.force_login(personas["manager"])
    page = upload(client, xlsx({"Cases": [case_row()]})).content.decode()
    assert "cases.xlsx has no problems" in page and "Nothing has been saved yet" in page
    assert not Case.objects.exists()


def test_a_file_with_problems_lists_each_with_its_row_column_and_value(client, personas, frozen):
    client.force_login(personas["manager"])
    response = upload(client, xlsx({"Cases": [case_row(team="Fostring")]}), action="import")
    page = response.content.decode()
    assert response.status_code == 200
    assert "cases.xlsx has 1 problem: correct it and upload it again" in page
    assert "is not a team — did you mean &#x27;Fostering&#x27;?" in page
    assert "<title>Error: Import records" in page
    assert not Case.objects.exists()


def test_importing_a_clean_file_saves_it_and_records_who_did(client, personas, frozen):
    client.force_login(personas["manager"])
    page = upload(client, xlsx({"Cases": [case_row()]}), action="import").content.decode()
    assert "cases.xlsx imported" in page and "What was imported from cases.xlsx" in page
    assert Case.objects.get().timeline.filter(by=personas["manager"], text__contains="cases.xlsx").exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
    assert entry.user == personas["manager"] and entry.path == URL


def test_no_file_is_an_error_on_the_form(client, personas):
    client.force_login(personas["admin"])
    page = client.post(URL, {"action": "check"}).content.decode()
    assert "Select a file" in page and 'href="#id_file"' in page


def test_an_officer_may_not_import(client, personas):
    client.force_login(personas["officer"])
    assert client.post(URL, {"action": "import"}).status_code == 403


def _checked(client, data, name="cases.xlsx"):
    page = upload(client, data, name=name)
    return page.context["report"].sha256


def test_a_checked_file_is_imported_without_a_second_upload(client, personas, frozen):
    # Issue #15: a dry run had to be uploaded again to import it.
    client.force_login(personas["manager"])
    sha256 = _checked(client, xlsx({"Cases": [case_row()]}))
    assert not Case.objects.exists()

    page = client.post(URL, {"checked": sha256}).content.decode()
    assert "cases.xlsx imported" in page and "What was imported from cases.xlsx" in page
    assert Case.objects.get().timeline.filter(by=personas["manager"], text__contains="cases.xlsx").exists()
    # Kept for one import only: asking again finds nothing to import.
    again = client.post(URL, {"checked": sha256}).content.decode()
    assert "The checked file is no longer kept" in again and Case.objects.count() == 1


def test_only_the_person_who_checked_a_file_can_import_it_from_the_check(client, personas, frozen):
    client.force_login(personas["manager"])
    sha256 = _checked(client, xlsx({"Cases": [case_row()]}))
    client.logout()
    client.force_login(personas["admin"])
    page = client.post(URL, {"checked": sha256}).content.decode()
    assert "The checked file is no longer kept" in page and not Case.objects.exists()


def test_a_file_with_problems_is_not_kept_to_import(client, personas, frozen):
    client.force_login(personas["manager"])
    sha256 = _checked(client, xlsx({"Cases": [case_row(team="Fostring")]}))
    assert "Import these records" not in client.get(URL).content.decode()
    page = client.post(URL, {"checked": sha256}).content.decode()
    assert "The checked file is no longer kept" in page and not Case.objects.exists()


def test_a_checked_file_is_checked_again_as_it_is_imported(client, personas, frozen):
    client.force_login(personas["manager"])
    sha256 = _checked(client, xlsx({"Cases": [case_row()]}))
    from complaints.accounts.models import Team
    Team.objects.filter(name="Fostering").update(name="Fostering and adoption")  # since the check
    page = client.post(URL, {"checked": sha256}).content.decode()
    assert "Problems in cases.xlsx" in page and not Case.objects.exists()
