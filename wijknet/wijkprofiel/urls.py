from django.urls import include, path

from . import views

app_name = "wijkprofiel"

N = "n/<slug:network_slug>/wijkprofiel/"

pages = [
    path("", views.IndexView.as_view(), name="index"),
    path("gebieden/", views.AreasView.as_view(), name="areas"),
    path(
        "gebieden/<uuid:area_link_uuid>/ontkoppelen/",
        views.AreaUnlinkView.as_view(),
        name="area_unlink",
    ),
    path("indicatoren/", views.IndicatorsView.as_view(), name="indicators"),
    path("doelen/", views.GoalLinkView.as_view(), name="goal_link"),
    path(
        "doelen/<uuid:goal_link_uuid>/ontkoppelen/",
        views.GoalUnlinkView.as_view(),
        name="goal_unlink",
    ),
    path("importeren/", views.ImportView.as_view(), name="import"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(N, include(pages))]
