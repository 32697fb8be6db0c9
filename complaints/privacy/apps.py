from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "complaints.privacy"
    label = "privacy"
    verbose_name = "Retention and equality data"
