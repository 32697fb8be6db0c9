from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Spreadsheet import and export of the records, and the import template."""

    name = "complaints.transfer"
    verbose_name = "Import and export"
