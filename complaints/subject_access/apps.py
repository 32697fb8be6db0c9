from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    """Subject access requests (UK GDPR Article 15): finding what is held about
    a person, the disclosure pack, and the request's one-month deadline."""

    name = "complaints.subject_access"
    label = "subject_access"
    verbose_name = "Subject access requests"
