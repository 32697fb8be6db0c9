from django.contrib import admin

from complaints.accounts.admin import AdministratorsOnly, site
from complaints.casework import services
from complaints.casework.models import (
    Appointee,
    Channel,
    Disability,
    Ethnicity,
    HolidayOverride,
    Religion,
    Theme,
)


@admin.register(Theme, Channel, Ethnicity, Disability, Religion, site=site)
class ReferenceItemAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "code", "active", "order"]
    list_editable = ["active", "order"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request, obj=None):
        # Stored codes are what reports and imports match on: fixed once made.
        return ["code"] if obj else []


@admin.register(HolidayOverride, site=site)
class HolidayOverrideAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["day", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    actions = None  # Bulk delete would skip moving the due dates.

    def save_model(self, request, obj, form, change):
        moved = services.save_holiday_override(obj, by=request.user)
        self.message_user(request, f"Due dates moved on {moved} open stage(s).")

    def delete_model(self, request, obj):
        moved = services.delete_holiday_override(obj, by=request.user)
        self.message_user(request, f"Due dates moved on {moved} open stage(s).")


@admin.register(Appointee, site=site)
class AppointeeAdmin(AdministratorsOnly, admin.ModelAdmin):
    """Independent persons, investigators and review panel members. Someone
    marked as a council member or officer, or the spouse or civil partner of
    one, is kept but refused as independent when appointed."""

    list_display = ["name", "organisation", "council_member", "council_officer",
                    "partner_of_member_or_officer"]
    search_fields = ["name", "organisation"]
