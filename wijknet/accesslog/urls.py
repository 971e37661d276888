from django.urls import include, path

from . import views

app_name = "accesslog"

BASE = "n/<slug:network_slug>/inzagelog/"

pages = [
    path("", views.LogSearchView.as_view(), name="search"),
    path("export.csv", views.LogExportView.as_view(), name="export"),
    path("controle/", views.ReviewView.as_view(), name="review"),
    path("privacyfunctionarissen/", views.OfficerListView.as_view(), name="officers"),
    path(
        "privacyfunctionarissen/<uuid:membership_uuid>/",
        views.OfficerSetView.as_view(),
        name="officer_set",
    ),
    path(
        "privacyfunctionarissen/voorstellen/<uuid:appointment_uuid>/",
        views.OfficerDecideView.as_view(),
        name="officer_decide",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
