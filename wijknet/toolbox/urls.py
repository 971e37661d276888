from django.urls import include, path

from . import views

app_name = "toolbox"

BASE = "n/<slug:network_slug>/kennisbank/"

pages = [
    path("", views.ToolboxListView.as_view(), name="list"),
    # Before the item's own URL: "nieuw" is not an item key (own keys start with "eigen-").
    path("nieuw/", views.OwnItemCreateView.as_view(), name="own_create"),
    path("<slug:item_key>/", views.ToolboxItemView.as_view(), name="item"),
    path("<slug:item_key>/bewerken/", views.OwnItemEditView.as_view(), name="own_edit"),
    path(
        "<slug:item_key>/verwijderen/",
        views.OwnItemDeleteView.as_view(),
        name="own_delete",
    ),
    path("<slug:item_key>/aanbieden/", views.OwnItemOfferView.as_view(), name="own_offer"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("kennisbank-redactie/", views.OfferListView.as_view(), name="offers"),
    path(
        "kennisbank-redactie/<slug:item_key>/",
        views.OfferDecideView.as_view(),
        name="offer_decide",
    ),
    path(BASE, include(pages)),
]
