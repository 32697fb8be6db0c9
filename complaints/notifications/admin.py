"""Administrators can read the outbox, to see what was sent and what failed.
Nobody edits or deletes a message here: the outbox is the record."""

from django.contrib import admin

from complaints.accounts.admin import AdministratorsOnly, site
from complaints.notifications.models import OutgoingEmail


@admin.register(OutgoingEmail, site=site)
class OutgoingEmailAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at",
                    "sent_at", "failed_at"]
    list_filter = [
        ("sent_at", admin.EmptyFieldListFilter),
        ("failed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["to", "subject", "dedupe_key"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def _refused(self, request, obj=None):
        return False

    has_add_permission = has_change_permission = has_delete_permission = _refused
