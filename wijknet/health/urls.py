from django.urls import path

from . import views

app_name = "health"

urlpatterns = [
    path("n/<slug:network_slug>/signalen/", views.SignalListView.as_view(), name="index"),
    path(
        "n/<slug:network_slug>/signalen/markeren/",
        views.AcknowledgeView.as_view(),
        name="acknowledge",
    ),
    path(
        "n/<slug:network_slug>/analyse/herberekenen/",
        views.RecomputeView.as_view(),
        name="recompute",
    ),
    path(
        "n/<slug:network_slug>/signalen/drempels/",
        views.ThresholdsView.as_view(),
        name="settings",
    ),
]
