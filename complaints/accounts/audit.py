"""Writing the audit log: the one place entries are made."""

from complaints.accounts.models import AuditEntry


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by whoever sends the request.
    return request.META.get("REMOTE_ADDR") or None


def record(request, action: str, obj=None, *, detail: str = "", user=None) -> AuditEntry:
    """Record that the request's user did ``action`` to ``obj``. One query."""
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        path=request.get_full_path()[:500] if request is not None else "",
        ip_address=client_ip(request) if request is not None else None,
        detail=detail,
    )
