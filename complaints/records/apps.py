from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "complaints.records"
    label = "records"
    verbose_name = "Other records"

    def ready(self):
        from complaints.records import signals  # noqa: F401  (casework's calendar_changed)
