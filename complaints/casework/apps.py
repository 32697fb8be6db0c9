from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "complaints.casework"
    verbose_name = "Casework"
