from django.contrib import admin

from complaints.accounts.admin import AdministratorsOnly, site
from complaints.privacy.models import DestructionRecord, RetentionRule


@admin.register(RetentionRule, site=site)
class RetentionRuleAdmin(AdministratorsOnly, admin.ModelAdmin):
    """The retention schedule: a rule per record type overrides settings.RETENTION_YEARS."""

    list_display = ["record_type", "years", "authority"]


@admin.register(DestructionRecord, site=site)
class DestructionRecordAdmin(AdministratorsOnly, admin.ModelAdmin):
    """What was destroyed, when, by whom and under which rule: read only."""

    list_display = ["reference", "record_type", "rule", "destroyed_at", "destroyed_by"]
    list_filter = ["record_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
