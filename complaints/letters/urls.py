from django.urls import path

from complaints.letters import views

urlpatterns = [
    path("letters/<str:reference>/", views.case_letters, name="case_letters"),
    path("letters/<str:reference>/generate/<slug:kind>/", views.generate, name="letter_generate"),
    path("letters/<str:reference>/<int:pk>/", views.download, name="letter_download"),
    path("letter-templates/", views.template_list, name="letter_templates"),
    path("letter-templates/<slug:kind>/", views.template_download, name="letter_template_download"),
    path("letter-templates/<slug:kind>/replace/", views.template_replace,
         name="letter_template_replace"),
    path("letter-templates/<slug:kind>/built-in/", views.template_reset,
         name="letter_template_reset"),
]
