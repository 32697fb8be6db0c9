from django.contrib import admin
from django.shortcuts import redirect

from complaints.accounts.admin import AdministratorsOnly, site
from complaints.letters.models import LetterTemplate, Signature


@admin.register(LetterTemplate, site=site)
class LetterTemplateAdmin(AdministratorsOnly, admin.ModelAdmin):
    """A way in from the reference data index. Templates are replaced on their
    own page (letter_templates), which checks each upload's merge fields."""

    def changelist_view(self, request, extra_context=None):
        return redirect("letter_templates")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("letter_templates")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Signature, site=site)
class SignatureAdmin(AdministratorsOnly, admin.ModelAdmin):
    """How each member of staff signs their letters: job title, telephone, email."""

    list_display = ("user", "job_title", "phone", "email")
    search_fields = ("user__username", "user__first_name", "user__last_name")
