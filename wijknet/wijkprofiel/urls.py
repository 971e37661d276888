from django.urls import path

from . import views

app_name = "wijkprofiel"

N = "n/<slug:network_slug>/wijkprofiel/"

urlpatterns = [
    path(N, views.IndexView.as_view(), name="index"),
    path(f"{N}gebieden/", views.AreasView.as_view(), name="areas"),
    path(
        f"{N}gebieden/<uuid:area_link_uuid>/ontkoppelen/",
        views.AreaUnlinkView.as_view(),
        name="area_unlink",
    ),
    path(f"{N}indicatoren/", views.IndicatorsView.as_view(), name="indicators"),
    path(f"{N}doelen/", views.GoalLinkView.as_view(), name="goal_link"),
    path(
        f"{N}doelen/<uuid:goal_link_uuid>/ontkoppelen/",
        views.GoalUnlinkView.as_view(),
        name="goal_unlink",
    ),
    path(f"{N}importeren/", views.ImportView.as_view(), name="import"),
]
