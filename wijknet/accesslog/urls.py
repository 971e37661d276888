from django.urls import path

from . import views

app_name = "accesslog"

BASE = "n/<slug:network_slug>/inzagelog/"

urlpatterns = [
    path(BASE, views.LogSearchView.as_view(), name="search"),
    path(BASE + "export.csv", views.LogExportView.as_view(), name="export"),
    path(BASE + "controle/", views.ReviewView.as_view(), name="review"),
    path(BASE + "privacyfunctionarissen/", views.OfficerListView.as_view(), name="officers"),
    path(
        BASE + "privacyfunctionarissen/<uuid:membership_uuid>/",
        views.OfficerSetView.as_view(),
        name="officer_set",
    ),
    path(
        BASE + "privacyfunctionarissen/voorstellen/<uuid:appointment_uuid>/",
        views.OfficerDecideView.as_view(),
        name="officer_decide",
    ),
]
