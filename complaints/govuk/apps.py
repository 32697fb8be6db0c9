from django.apps import AppConfig


class GovukConfig(AppConfig):
    """Templates and template tags that render forms in GOV.UK markup."""

    name = "complaints.govuk"
    label = "govuk"
    verbose_name = "GOV.UK Design System"
