from django.urls import path

from . import views

app_name = "graph"

urlpatterns = [
    path("n/<slug:network_slug>/samenwerking/", views.GraphView.as_view(), name="index"),
    path(
        "n/<slug:network_slug>/samenwerking/graaf.json", views.GraphDataView.as_view(), name="data"
    ),
    path(
        "n/<slug:network_slug>/samenwerking/gewenst/<uuid:relation_uuid>/verwijderen/",
        views.DesiredDeleteView.as_view(),
        name="desired_delete",
    ),
]
