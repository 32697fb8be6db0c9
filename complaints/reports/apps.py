from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "complaints.reports"
    label = "reports"
    verbose_name = "Reports"
