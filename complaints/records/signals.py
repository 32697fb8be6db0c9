"""The records' answers to what casework announces (casework.signals)."""

from django.dispatch import receiver

from complaints.casework.signals import calendar_changed
from complaints.records.services import recompute_open_members_enquiry_due_dates


@receiver(calendar_changed, dispatch_uid="records.members_enquiries_follow_the_calendar")
def members_enquiries_follow_the_calendar(sender, **kwargs):
    recompute_open_members_enquiry_due_dates()
