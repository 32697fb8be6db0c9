"""Sign-in, sign-out and failed sign-in go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from complaints.audit import audit
from complaints.audit.models import AuditEntry


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit.record(request, AuditEntry.Action.SIGN_IN, user=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(request, AuditEntry.Action.SIGN_OUT, user=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit.record(request, AuditEntry.Action.SIGN_IN_FAILED, detail=f"Username: {username}")
