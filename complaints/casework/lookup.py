"""Finding a case by its reference for a page, through the one access rule: the helper
every app's pages use (casework, letters, privacy, records)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from complaints.accounts.access import Action, can
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.models import Case, PanelMember, Stage

# The audit log's words for an attempt on a case the user may not see.
REFUSED = "Refused: not allowed to see this case (answered as not found)"


def record_refusal(request, case: Case) -> None:
    """Note on ``case``'s audit trail that this user asked for it and was refused."""
    audit.record(request, AuditEntry.Action.VIEW, case, detail=REFUSED)


def case_for(request, reference: str, action: Action) -> Case:
    """The case, if ``can`` lets this user do ``action`` to it.

    A case the user may not see answers exactly as a reference that does not
    exist (404), so a restricted case's existence does not leak; the attempt
    is recorded on its audit trail. A case they may see but whose ``action``
    their role does not allow is refused (403). Costs one query beyond the
    case's own for a role whose scope is limited.
    """
    case = (
        Case.objects.select_related("channel", "team", "officer", "complainant")
        .prefetch_related(
            "children", "points__theme", "remedies", "learning", "deferrals", "attachments",
            Prefetch("stages", Stage.objects.select_related("independent_person").prefetch_related(
                Prefetch("panel", PanelMember.objects.select_related("appointee")))),
        )
        .filter(reference=reference)
        .first()
    )
    if case is not None and not can(request.user, Action.VIEW_CASE, case):
        record_refusal(request, case)
        case = None
    if case is None:
        raise Http404("No case has that reference")
    # The case's scope is the same for every case action: only the role is left to ask.
    if not can(request.user, action):
        raise PermissionDenied
    return case
