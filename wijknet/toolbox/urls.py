from django.urls import path

from . import views

app_name = "toolbox"

BASE = "n/<slug:network_slug>/kennisbank/"

urlpatterns = [
    path(BASE, views.ToolboxListView.as_view(), name="list"),
    # Before the item's own URL: "nieuw" is not an item key (own keys start with "eigen-").
    path(BASE + "nieuw/", views.OwnItemCreateView.as_view(), name="own_create"),
    path(BASE + "<slug:item_key>/", views.ToolboxItemView.as_view(), name="item"),
    path(BASE + "<slug:item_key>/bewerken/", views.OwnItemEditView.as_view(), name="own_edit"),
    path(
        BASE + "<slug:item_key>/verwijderen/",
        views.OwnItemDeleteView.as_view(),
        name="own_delete",
    ),
    path(BASE + "<slug:item_key>/aanbieden/", views.OwnItemOfferView.as_view(), name="own_offer"),
    path("kennisbank-redactie/", views.OfferListView.as_view(), name="offers"),
    path(
        "kennisbank-redactie/<slug:item_key>/",
        views.OfferDecideView.as_view(),
        name="offer_decide",
    ),
]
