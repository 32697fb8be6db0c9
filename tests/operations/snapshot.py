"""Everything the service holds, in forms that compare equal when nothing was
lost: used by the backup and restore tests and by cross_database.py.

Written without the backup code (Django's own serialiser, the records
export, the annual report), so a fault in the backup cannot hide itself.
"""

import io
import os
from pathlib import Path

import openpyxl
from django.apps import apps
from django.conf import settings
from django.core import serializers

# Recreated by migrate (ids may differ) or deliberately not kept.
NOT_COMPARED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
YEARS = ("2021-22", "2022-23")


def canonical_dump() -> dict[str, list[dict]]:
    """Every row of every model, by model and primary key, each relation by
    natural key where its model has one (content types' ids are not kept)."""
    dump = {}
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
        label = model._meta.label_lower
        if label in NOT_COMPARED or model._meta.proxy:
            continue
        rows = serializers.serialize("python", model._base_manager.order_by("pk"),
                                     use_natural_foreign_keys=True)
        for row in rows:
            for field in model._meta.many_to_many:
                if field.name in row["fields"]:
                    row["fields"][field.name] = sorted(row["fields"][field.name], key=repr)
        dump[label] = rows
    return dump


def records_export() -> dict[str, list[tuple]] | None:
    """Every sheet of the records export (complaints.transfer), row by row;
    None when that app is not installed."""
    if not apps.is_installed("complaints.transfer"):
        return None
    from complaints.transfer.workbook import write_export

    out = io.BytesIO()
    write_export(out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def annual_reports() -> dict[str, dict]:
    from complaints.reports.annual import build

    return {year: build(year).as_dict() for year in YEARS}


def attachment_files() -> dict[str, tuple[bytes, int]]:
    """Every file under ATTACHMENTS_DIR: its contents and when it was last changed."""
    root = Path(settings.ATTACHMENTS_DIR)
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): (path.read_bytes(), int(os.stat(path).st_mtime))
            for path in sorted(root.rglob("*")) if path.is_file()}


def everything() -> dict:
    return {
        "dump": canonical_dump(),
        "export": records_export(),
        "reports": annual_reports(),
        "files": attachment_files(),
    }
