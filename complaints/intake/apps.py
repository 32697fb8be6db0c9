from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "complaints.intake"
    label = "intake"
    verbose_name = "Public forms"
