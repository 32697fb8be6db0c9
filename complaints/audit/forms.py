"""The audit log's search: who, what they did, which record, between which dates."""

from django import forms
from django.contrib.auth import get_user_model

from complaints.audit.models import AuditEntry
from complaints.govuk.forms import GovukDateField


class AuditSearchForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Who", required=False, queryset=get_user_model().objects.all(), empty_label="Anyone")
    action = forms.ChoiceField(
        label="What they did", required=False, choices=[("", "Anything")] + AuditEntry.Action.choices)
    record = forms.CharField(
        label="Record", required=False, max_length=100,
        help_text="A case reference, or part of one")
    since = GovukDateField(label="From", required=False)
    until = GovukDateField(label="To", required=False)

    def filter(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["user"]:
            entries = entries.filter(user=data["user"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["record"].strip():
            entries = entries.filter(object_repr__icontains=data["record"].strip())
        if data["since"]:
            entries = entries.filter(at__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(at__date__lte=data["until"])
        return entries
