from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the service: backing it up and restoring it (no models of its own)."""

    name = "complaints.operations"
    label = "operations"
    verbose_name = "Backup and restore"
