from django.urls import path

from . import views

app_name = "actions"

N = "n/<slug:network_slug>/"

urlpatterns = [
    path(f"{N}doelen/", views.IndexView.as_view(), name="index"),
    path(f"{N}doelen/nieuw/", views.GoalCreateView.as_view(), name="goal_create"),
    path(f"{N}doelen/<uuid:goal_uuid>/bewerken/", views.GoalEditView.as_view(), name="goal_edit"),
    path(
        f"{N}doelen/<uuid:goal_uuid>/besproken/",
        views.GoalReviewView.as_view(),
        name="goal_review",
    ),
    path(f"{N}acties/nieuw/", views.ActionCreateView.as_view(), name="action_create"),
    path(
        f"{N}acties/<uuid:action_uuid>/bewerken/",
        views.ActionEditView.as_view(),
        name="action_edit",
    ),
    path(
        f"{N}acties/<uuid:action_uuid>/voortgang/",
        views.ActionStatusView.as_view(),
        name="action_status",
    ),
    path(f"{N}successen/", views.SuccessListView.as_view(), name="success_list"),
    path(f"{N}successen/nieuw/", views.SuccessCreateView.as_view(), name="success_create"),
    path(f"{N}nieuwsbrief/", views.DigestView.as_view(), name="digest"),
    path(f"{N}nieuwsbrief/versturen/", views.DigestSendView.as_view(), name="digest_send"),
]
