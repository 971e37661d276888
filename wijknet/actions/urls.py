from django.urls import include, path

from . import views

app_name = "actions"

N = "n/<slug:network_slug>/"

goal_pages = [
    path("", views.IndexView.as_view(), name="index"),
    path("nieuw/", views.GoalCreateView.as_view(), name="goal_create"),
    path("<uuid:goal_uuid>/bewerken/", views.GoalEditView.as_view(), name="goal_edit"),
    path(
        "<uuid:goal_uuid>/besproken/",
        views.GoalReviewView.as_view(),
        name="goal_review",
    ),
]

action_pages = [
    path("nieuw/", views.ActionCreateView.as_view(), name="action_create"),
    path(
        "<uuid:action_uuid>/bewerken/",
        views.ActionEditView.as_view(),
        name="action_edit",
    ),
    path(
        "<uuid:action_uuid>/voortgang/",
        views.ActionStatusView.as_view(),
        name="action_status",
    ),
]

success_pages = [
    path("", views.SuccessListView.as_view(), name="success_list"),
    path("nieuw/", views.SuccessCreateView.as_view(), name="success_create"),
]

digest_pages = [
    path("", views.DigestView.as_view(), name="digest"),
    path("versturen/", views.DigestSendView.as_view(), name="digest_send"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path(N + "doelen/", include(goal_pages)),
    path(N + "acties/", include(action_pages)),
    path(N + "successen/", include(success_pages)),
    path(N + "nieuwsbrief/", include(digest_pages)),
]
