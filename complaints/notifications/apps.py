from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "complaints.notifications"
    label = "notifications"
    verbose_name = "Reminders and outgoing email"
