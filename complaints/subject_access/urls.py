from django.urls import path

from complaints.subject_access import views

urlpatterns = [
    path("subject-access/", views.request_list, name="subject_access_list"),
    path("subject-access/new/", views.request_new, name="subject_access_new"),
    path("subject-access/<str:reference>/", views.request_detail, name="subject_access_detail"),
    path("subject-access/<str:reference>/search/", views.search, name="subject_access_search"),
    path("subject-access/<str:reference>/packs/<int:pk>/", views.download,
         name="subject_access_download"),
    path("subject-access/<str:reference>/<slug:step>/", views.change, name="subject_access_change"),
]

# Every page here marks "Subject access" as the current section in the navigation.
SUBJECT_ACCESS_PAGES = frozenset(pattern.name for pattern in urlpatterns)
