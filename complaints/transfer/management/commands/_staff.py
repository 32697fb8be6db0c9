"""Who a command runs as: --by USERNAME, who must be allowed the action."""

from django.core.management.base import CommandError

from complaints.accounts.access import can
from complaints.accounts.models import User


def staff(username: str | None, action):
    if username is None:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"There is no user {username!r}")
    if not can(user, action):
        raise CommandError(f"{username} may not do this ({action.value.replace('_', ' ')})")
    return user
