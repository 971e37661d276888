from django.urls import path

from . import views

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
