from django.urls import path

from complaints.privacy import views

urlpatterns = [
    path("retention/", views.review, name="retention_review"),
    path("equality/<str:reference>/", views.equality, name="case_equality"),
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/unusual/", views.unusual_access, name="audit_unusual"),
]
