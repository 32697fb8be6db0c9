from django.urls import path

from complaints.reports import entry

urlpatterns = [
    path("reports/figures/<str:year>/", entry.figures, name="report_figures"),
    path("reports/annual/<str:year>/sections/<slug:section_id>/", entry.section, name="report_section"),
]
