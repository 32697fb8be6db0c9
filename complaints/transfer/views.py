"""Staff pages: import a file (complaints managers and administrators), download
the template, export every record (administrators)."""

import tempfile

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.transfer import checked
from complaints.transfer.forms import ImportForm
from complaints.transfer.importer import import_file
from complaints.transfer.services import export_records
from complaints.transfer.workbook import XLSX_TYPE, write_template


@require(Action.IMPORT_RECORDS)
def import_records(request):
    """Upload a file to check or import. The result is shown on the same page;
    posting the same file again changes nothing, as an import is idempotent. A
    file whose check found no problems is kept, so "Import these records"
    imports it without a second upload."""
    if request.method == "POST" and "checked" in request.POST:
        return _import_checked(request, request.POST["checked"])
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_file(upload.file, upload.name, commit=form.commit, by=request.user, request=request)
        if report.committed:
            messages.success(request, f"{report.filename} imported")
        elif report.ok:
            checked.keep(request.session, upload, sha256=report.sha256, filename=report.filename)
        elif not report.ok:
            form.add_error("file", f"{report.filename} has {report.problem_count:,} "
                                   f"problem{'s' if report.problem_count != 1 else ''}: correct "
                                   f"{'them' if report.problem_count != 1 else 'it'} and upload it again")
    return render(request, "transfer/import.html", {
        "form": form, "report": report, "can_export": can(request.user, Action.EXPORT_RECORDS),
    })


def _import_checked(request, sha256: str):
    """Import the file this person checked (it is checked again as it is imported:
    the records may have changed since)."""
    found = checked.kept(request.session, sha256)
    form = ImportForm()
    if found is None:
        messages.error(request, "The checked file is no longer kept (it is kept for two hours). "
                                "Upload it again")
        return render(request, "transfer/import.html", {
            "form": form, "report": None, "can_export": can(request.user, Action.EXPORT_RECORDS)})
    path, filename = found
    with open(path, "rb") as file:
        report = import_file(file, filename, commit=True, by=request.user, request=request)
    if report.committed:
        checked.forget(request.session, sha256)
        messages.success(request, f"{report.filename} imported")
    return render(request, "transfer/import.html", {
        "form": form, "report": report, "can_export": can(request.user, Action.EXPORT_RECORDS)})


@require(Action.IMPORT_RECORDS)
def template(request):
    return _xlsx(write_template, "records-import-template.xlsx")


@require(Action.EXPORT_RECORDS)
def export(request):
    if request.method != "POST":
        return render(request, "transfer/export.html")
    filename = f"records-{timezone.localdate():%Y-%m-%d}.xlsx"
    return _xlsx(lambda out: export_records(out, filename, by=request.user, request=request), filename)


def _xlsx(write, filename):
    # Spooled to disk past 10 MB: an export of every record can be large.
    out = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)
    write(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
