from django.contrib import admin

from complaints.accounts.access import Action as Permission
from complaints.accounts.access import can
from complaints.accounts.admin import AdministratorsOnly, site
from complaints.records import services
from complaints.records.models import (
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)


@admin.register(Cost, site=site)
class CostAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["incurred_on", "category", "amount", "supplier_or_invoice", "case"]
    list_filter = ["category"]
    date_hierarchy = "incurred_on"
    search_fields = ["supplier_or_invoice", "description", "case__reference"]
    raw_id_fields = ["case"]


@admin.register(OmbudsmanCase, site=site)
class OmbudsmanCaseAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["reference", "enquiry_on", "decision_on", "decision", "case", "complied_on"]
    list_filter = ["decision", "fault_found", "injustice_found"]
    date_hierarchy = "enquiry_on"
    search_fields = ["reference", "case__reference"]
    raw_id_fields = ["case"]
    fieldsets = [
        (None, {"fields": ["reference", "enquiry_on", "case"]}),
        ("Decision", {"fields": ["decision_on", "decision", "fault_found", "injustice_found"]}),
        ("Remedies", {"fields": [
            "remedy_apology", "remedy_payment", "payment_amount",
            "remedy_corrective_action", "remedy_service_improvement",
            "compliance_due_on", "complied_on",
        ]}),
    ]


@admin.register(MembersEnquiry, site=site)
class MembersEnquiryAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["received_on", "member_name", "member_kind", "subject", "team", "due_on",
                    "responded_on"]
    list_filter = ["member_kind", "team"]
    date_hierarchy = "received_on"
    search_fields = ["member_name", "subject", "case__reference"]
    raw_id_fields = ["case"]
    fields = ["member_name", "member_kind", "received_on", "team", "subject", "case",
              "due_on", "due_date_explained", "responded_on"]
    readonly_fields = ["due_on", "due_date_explained"]

    @admin.display(description="How the due date was worked out")
    def due_date_explained(self, obj):
        return obj.due_date_explained() if obj else ""

    def save_model(self, request, obj, form, change):
        # The due date is worked out, never typed.
        if not change or "received_on" in form.changed_data:
            services.set_members_enquiry_due(obj)
        super().save_model(request, obj, form, change)


@admin.register(Compliment, site=site)
class ComplimentAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["received_on", "team", "given_by", "consent_to_publish"]
    list_filter = ["given_by", "team", "consent_to_publish"]
    date_hierarchy = "received_on"
    search_fields = ["words"]
    readonly_fields = ["published_words"]

    @admin.display(description="Words as published (staff names replaced with X)")
    def published_words(self, obj):
        return obj.published_words() if obj else ""


class ActionUpdateInline(admin.TabularInline):
    """Updates edited on their action's page, under the same rule as the admin."""

    model = ActionUpdate
    extra = 1

    def has_view_permission(self, request, obj=None):
        return can(request.user, Permission.MANAGE_REFERENCE_DATA)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Action, site=site)
class ActionAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["number", "task", "owners", "target", "status"]
    list_filter = ["status"]
    search_fields = ["task", "owners"]
    raw_id_fields = ["cases", "points"]
    inlines = [ActionUpdateInline]


@admin.register(ActionUpdate, site=site)
class ActionUpdateAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["action", "written_on", "text"]
    date_hierarchy = "written_on"
    search_fields = ["text"]
    list_select_related = ["action"]
