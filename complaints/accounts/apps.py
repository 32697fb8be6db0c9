from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "complaints.accounts"
    verbose_name = "People, teams and access"
