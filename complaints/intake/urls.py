"""The public forms at /complaint/, /young-people/ and /compliment/, and the
staff download of a complaint's files."""

from django.urls import path, register_converter

from complaints.intake import views
from complaints.intake.journeys import JOURNEYS


class JourneyConverter:
    regex = "|".join(JOURNEYS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(JourneyConverter, "journey")

urlpatterns = [
    path("<journey:journey>/", views.start, name="intake_start"),
    path("<journey:journey>/check-your-answers/", views.check, name="intake_check"),
    path("<journey:journey>/sent/", views.sent, name="intake_sent"),
    path("<journey:journey>/<slug:step>/", views.question, name="intake_step"),
    path("cases/<str:reference>/files/<int:pk>/", views.attachment, name="attachment_download"),
]
