from django.urls import path

from . import views

app_name = "toolbox"

urlpatterns = [
    path("n/<slug:network_slug>/kennisbank/", views.ToolboxListView.as_view(), name="list"),
    path(
        "n/<slug:network_slug>/kennisbank/<slug:item_key>/",
        views.ToolboxItemView.as_view(),
        name="item",
    ),
]
