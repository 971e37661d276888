from django.urls import include, path

from . import views, views_exchange

app_name = "scans"

BASE = "n/<slug:network_slug>/scans/"
ROUND = "<uuid:round_uuid>/"

pages = [
    path("", views.RoundListView.as_view(), name="list"),
    path("nieuw/", views.RoundCreateView.as_view(), name="create"),
    path(ROUND, views.ResultsView.as_view(), name="results"),
    path(f"{ROUND}invullen/", views.MemberAnswerView.as_view(), name="member_answer"),
    path(
        f"{ROUND}invullen/deel/<int:part>/",
        views.MemberAnswerView.as_view(),
        name="member_answer_part",
    ),
    path(
        f"{ROUND}invullen/indienen/",
        views.MemberAnswerView.as_view(),
        {"part": views.OVERVIEW},
        name="member_answer_overview",
    ),
    path(f"{ROUND}sluiten/", views.RoundCloseView.as_view(), name="close"),
    path(f"{ROUND}resultaten.csv", views.ResultsCsvView.as_view(), name="results_csv"),
    path(
        "gepland/<uuid:planned_uuid>/",
        views.PlannedRoundEditView.as_view(),
        name="planned_edit",
    ),
    path(
        "gepland/<uuid:planned_uuid>/openen/",
        views.PlannedRoundOpenView.as_view(),
        name="planned_open",
    ),
    # Exchange: FHIR and imports.
    path(
        "instrumenten/<slug:instrument_key>/fhir/",
        views_exchange.InstrumentFhirView.as_view(),
        name="instrument_fhir",
    ),
    path(f"{ROUND}fhir/", views_exchange.RoundFhirView.as_view(), name="round_fhir"),
    path(f"{ROUND}importeren/", views_exchange.ImportView.as_view(), name="import"),
    path(
        f"{ROUND}importeren/sjabloon.csv",
        views_exchange.ImportTemplateView.as_view(),
        name="import_template",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("scan/<str:scan_token>/", views.answer_by_token, name="answer"),
    path("scan/<str:scan_token>/deel/<int:part>/", views.answer_by_token, name="answer_part"),
    path(
        "scan/<str:scan_token>/indienen/",
        views.answer_by_token,
        {"part": views.OVERVIEW},
        name="answer_overview",
    ),
    path(BASE, include(pages)),
]
