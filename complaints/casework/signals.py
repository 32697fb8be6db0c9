"""What casework tells the apps built on it, which it must not import."""

from django.dispatch import Signal

# Sent after a calendar correction moved the open stages' due dates
# (services.recompute_open_due_dates), with ``reason`` and ``by``: the records
# kept beside cases (members' enquiries) move theirs too.
calendar_changed = Signal()
