"""The other records' staff pages. Every add and change page is views.add or
views.change, told which record by its RecordPages."""

from django.urls import path

from complaints.records import views

urlpatterns = [
    path("records/", views.index, name="records_index"),
    path("costs/", views.cost_list, name="cost_list"),
    path("costs/new/", views.add, {"pages": views.COSTS}, name="cost_new"),
    path("costs/<int:pk>/", views.change, {"pages": views.COSTS}, name="cost_edit"),
    path("ombudsman/", views.ombudsman_list, name="ombudsman_list"),
    path("ombudsman/new/", views.add, {"pages": views.OMBUDSMAN}, name="ombudsman_new"),
    path("ombudsman/<int:pk>/", views.ombudsman_detail, name="ombudsman_detail"),
    path("ombudsman/<int:pk>/change/", views.change, {"pages": views.OMBUDSMAN},
         name="ombudsman_edit"),
    path("members/", views.members_list, name="members_list"),
    path("members/new/", views.add, {"pages": views.MEMBERS}, name="members_new"),
    path("members/<int:pk>/", views.change, {"pages": views.MEMBERS_CHANGE}, name="members_edit"),
    path("members/<int:pk>/response/", views.change, {"pages": views.MEMBERS_RESPONSE},
         name="members_respond"),
    path("compliments/", views.compliment_list, name="compliment_list"),
    path("compliments/new/", views.add, {"pages": views.COMPLIMENTS}, name="compliment_new"),
    path("compliments/<int:pk>/", views.change, {"pages": views.COMPLIMENTS},
         name="compliment_edit"),
    path("compliments/<int:pk>/approve/", views.change, {"pages": views.COMPLIMENT_APPROVAL},
         name="compliment_approve"),
    path("compliments/<int:pk>/withdraw-approval/", views.compliment_withdraw_approval,
         name="compliment_withdraw_approval"),
    path("action-plan/", views.action_list, name="action_list"),
    path("action-plan/new/", views.add, {"pages": views.ACTIONS}, name="action_new"),
    path("action-plan/<int:pk>/", views.action_detail, name="action_detail"),
    path("action-plan/<int:pk>/change/", views.change, {"pages": views.ACTIONS},
         name="action_edit"),
    path("action-plan/<int:pk>/updates/new/", views.action_update_new, name="action_update_new"),
]

# Every page here marks "Records" as the current section in the navigation.
RECORDS_PAGES = frozenset(pattern.name for pattern in urlpatterns)
