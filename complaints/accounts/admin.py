"""Reference data and users, managed by administrators in Django's admin.

The admin asks the same authorisation function as every other page.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.contrib.auth.admin import UserAdmin

from complaints.accounts.access import Action, can
from complaints.accounts.models import ServiceArea, Team, User
from complaints.audit import audit
from complaints.audit.models import AuditEntry


class ReferenceDataSite(admin.AdminSite):
    site_header = "Children's Services complaints: reference data"
    site_title = "Reference data"
    index_title = "Reference data and users"

    def has_permission(self, request):
        return can(request.user, Action.MANAGE_REFERENCE_DATA)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def refuse_signed_in_non_administrators(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return refuse_signed_in_non_administrators

    def login(self, request, extra_context=None):
        """One sign-in page for the whole service; signed-in non-administrators are refused."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


site = ReferenceDataSite(name="admin")


class AdministratorsOnly:
    """Every model admin defers to can(), not to Django's per-model permissions,
    and writes what it changes to the audit log."""

    def log_addition(self, request, obj, message):
        audit.record(request, AuditEntry.Action.CREATE, obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit.record(request, AuditEntry.Action.CHANGE, obj)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(request, AuditEntry.Action.DELETE, obj)
        return super().log_deletions(request, queryset)

    def has_module_permission(self, request):
        return can(request.user, Action.MANAGE_REFERENCE_DATA)

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.MANAGE_REFERENCE_DATA)

    has_add_permission = has_module_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


@admin.register(ServiceArea, site=site)
class ServiceAreaAdmin(AdministratorsOnly, admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Team, site=site)
class TeamAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "service_area", "active"]
    list_filter = ["active", "service_area"]
    search_fields = ["name"]


@admin.register(User, site=site)
class StaffAdmin(AdministratorsOnly, UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = UserAdmin.fieldsets[:2] + (
        ("Role and access", {"fields": ("role", "team", "service_area", "is_active")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Role and access", {"fields": ("first_name", "last_name", "email", "role", "team", "service_area")}),
    )
