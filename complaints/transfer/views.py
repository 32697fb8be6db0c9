"""Staff pages: import a file (complaints managers and administrators), download
the template, export every record (administrators)."""

import tempfile

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from complaints.accounts.access import Action, can
from complaints.accounts.decorators import require
from complaints.transfer.forms import ImportForm
from complaints.transfer.importer import import_file
from complaints.transfer.services import export_records
from complaints.transfer.workbook import XLSX_TYPE, write_template


@require(Action.IMPORT_RECORDS)
def import_records(request):
    """Upload a file to check or import. The result is shown on the same page;
    posting the same file again changes nothing, as an import is idempotent."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_file(upload.file, upload.name, commit=form.commit, by=request.user, request=request)
        if report.committed:
            messages.success(request, f"{report.filename} imported")
        elif not report.ok:
            form.add_error("file", f"{report.filename} has {report.problem_count:,} "
                                   f"problem{'s' if report.problem_count != 1 else ''}: correct "
                                   f"{'them' if report.problem_count != 1 else 'it'} and upload it again")
    return render(request, "transfer/import.html", {
        "form": form, "report": report, "can_export": can(request.user, Action.EXPORT_RECORDS),
    })


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
