from django.urls import path

from complaints.reports import entry_urls, views

urlpatterns = [
    path("reports/", views.index, name="reports_index"),
    path("reports/annual/<str:year>/", views.annual, name="report_annual"),
    path("reports/annual/<str:year>/download/<slug:fmt>/", views.annual_download,
         name="report_annual_download"),
    path("reports/quarterly/<str:quarter>/", views.quarterly_page, name="report_quarterly"),
    path("reports/quarterly/<str:quarter>/download/<slug:fmt>/", views.quarterly_download,
         name="report_quarterly_download"),
]

# Every page here, and the pages where staff enter a report's figures and
# paragraphs, mark "Reports" as the current section in the navigation.
REPORTS_PAGES = frozenset(pattern.name for pattern in urlpatterns + entry_urls.urlpatterns)
