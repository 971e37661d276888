from django.urls import include, path

from . import views

app_name = "reports"

BASE = "n/<slug:network_slug>/rapportages/"

pages = [
    path("", views.ReportListView.as_view(), name="list"),
    path(
        "nieuw/",
        views.ReportRequestView.as_view(),
        name="request",
    ),
    path(
        "<uuid:report_uuid>/",
        views.ReportDetailView.as_view(),
        name="detail",
    ),
    path(
        "<uuid:report_uuid>/status/",
        views.ReportStatusView.as_view(),
        name="status",
    ),
    path(
        "<uuid:report_uuid>/pdf/",
        views.ReportDownloadView.as_view(),
        name="download",
    ),
    path(
        "<uuid:report_uuid>/verwijderen/",
        views.ReportDeleteView.as_view(),
        name="delete",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
