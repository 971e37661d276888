from django.urls import path

from . import views, views_exchange

app_name = "scans"

urlpatterns = [
    path("scan/<str:scan_token>/", views.answer_by_token, name="answer"),
    path("n/<slug:network_slug>/scans/", views.RoundListView.as_view(), name="list"),
    path("n/<slug:network_slug>/scans/nieuw/", views.RoundCreateView.as_view(), name="create"),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/",
        views.ResultsView.as_view(),
        name="results",
    ),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/invullen/",
        views.MemberAnswerView.as_view(),
        name="member_answer",
    ),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/sluiten/",
        views.RoundCloseView.as_view(),
        name="close",
    ),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/resultaten.csv",
        views.ResultsCsvView.as_view(),
        name="results_csv",
    ),
]

urlpatterns += [
    path(
        "n/<slug:network_slug>/scans/instrumenten/<slug:instrument_key>/fhir/",
        views_exchange.InstrumentFhirView.as_view(),
        name="instrument_fhir",
    ),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/fhir/",
        views_exchange.RoundFhirView.as_view(),
        name="round_fhir",
    ),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/importeren/",
        views_exchange.ImportView.as_view(),
        name="import",
    ),
    path(
        "n/<slug:network_slug>/scans/<uuid:round_uuid>/importeren/sjabloon.csv",
        views_exchange.ImportTemplateView.as_view(),
        name="import_template",
    ),
]
