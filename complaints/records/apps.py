from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "complaints.records"
    label = "records"
    verbose_name = "Other records"
