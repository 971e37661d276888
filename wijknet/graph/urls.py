from django.urls import include, path

from . import views

app_name = "graph"

BASE = "n/<slug:network_slug>/samenwerking/"

pages = [
    path("", views.GraphView.as_view(), name="index"),
    path("graaf.json", views.GraphDataView.as_view(), name="data"),
    path(
        "gewenst/<uuid:relation_uuid>/verwijderen/",
        views.DesiredDeleteView.as_view(),
        name="desired_delete",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
