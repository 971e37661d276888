from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("n/<slug:network_slug>/rapportages/", views.ReportListView.as_view(), name="list"),
    path(
        "n/<slug:network_slug>/rapportages/nieuw/",
        views.ReportRequestView.as_view(),
        name="request",
    ),
    path(
        "n/<slug:network_slug>/rapportages/<uuid:report_uuid>/",
        views.ReportDetailView.as_view(),
        name="detail",
    ),
    path(
        "n/<slug:network_slug>/rapportages/<uuid:report_uuid>/status/",
        views.ReportStatusView.as_view(),
        name="status",
    ),
    path(
        "n/<slug:network_slug>/rapportages/<uuid:report_uuid>/pdf/",
        views.ReportDownloadView.as_view(),
        name="download",
    ),
    path(
        "n/<slug:network_slug>/rapportages/<uuid:report_uuid>/verwijderen/",
        views.ReportDeleteView.as_view(),
        name="delete",
    ),
]
