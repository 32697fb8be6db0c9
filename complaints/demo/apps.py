from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data: `manage.py demo_data` (users for each role and a year of
    cases) and the reference council's 2020-21 and 2021-22 records, which the tests
    reproduce the reference annual report from. The top layer: it builds on every app,
    and nothing imports it."""

    name = "complaints.demo"
    verbose_name = "Demonstration data"
