from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "complaints.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self):
        from complaints.audit import signals  # noqa: F401  (sign-in audit receivers)
