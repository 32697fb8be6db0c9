from django.urls import path

from complaints.transfer import views

urlpatterns = [
    path("import/", views.import_records, name="transfer_import"),
    path("import/template/", views.template, name="transfer_template"),
    path("export/", views.export, name="transfer_export"),
]

# Every page here marks "Import and export" as the current section in the navigation.
TRANSFER_PAGES = frozenset(pattern.name for pattern in urlpatterns)
