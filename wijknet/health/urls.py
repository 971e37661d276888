from django.urls import include, path

from . import views

app_name = "health"

N = "n/<slug:network_slug>/"

pages = [
    path("", views.SignalListView.as_view(), name="index"),
    path(
        "markeren/",
        views.AcknowledgeView.as_view(),
        name="acknowledge",
    ),
    path(
        "drempels/",
        views.ThresholdsView.as_view(),
        name="settings",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path(N + "signalen/", include(pages)),
    path(N + "analyse/herberekenen/", views.RecomputeView.as_view(), name="recompute"),
]
