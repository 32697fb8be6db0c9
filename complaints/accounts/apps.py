from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "complaints.accounts"
    verbose_name = "People, teams and access"

    def ready(self):
        from complaints.accounts import signals  # noqa: F401  (sign-in audit receivers)
