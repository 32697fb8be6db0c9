"""The export as one call, audited; and how an import or export names who ran it."""

import getpass

from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.transfer.workbook import write_export


def actor(by) -> str:
    """Who ran an import or export: the user, or the command line's account."""
    if by is not None:
        return by.get_full_name() or by.get_username()
    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "unknown"
    return f"the command line (account {account})"


def export_records(out, filename: str, *, by=None, request=None) -> dict[str, int]:
    """Write every record to ``out`` in the template's format and say so in the
    audit log (the export holds equality data: who took it matters)."""
    counts = write_export(out)
    rows = "; ".join(f"{sheet} {count:,}" for sheet, count in counts.items())
    audit.record(request, AuditEntry.Action.EXPORT, None, user=by,
                 detail=f"Exported every record to {filename} by {actor(by)}: {rows}")
    return counts
