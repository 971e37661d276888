from django.urls import path

from . import views

app_name = "offers"

BASE = "n/<slug:network_slug>/sociale-kaart/"
OFFER = BASE + "<uuid:offer_uuid>/"

urlpatterns = [
    path(BASE, views.OfferListView.as_view(), name="list"),
    path(BASE + "nieuw/", views.OfferCreateView.as_view(), name="create"),
    path(BASE + "niet-bevestigd/", views.StaleListView.as_view(), name="stale"),
    path(BASE + "afdrukken/", views.PrintListView.as_view(), name="print"),
    path(BASE + "hsds.json", views.HsdsExportView.as_view(), name="hsds"),
    path(BASE + "hsds-diensten.json", views.HsdsServicesExportView.as_view(), name="hsds_services"),
    path(BASE + "importeren/", views.ImportView.as_view(), name="import"),
    path(BASE + "importeren/sjabloon.csv", views.ImportTemplateView.as_view(), name="template"),
    path(OFFER, views.OfferDetailView.as_view(), name="detail"),
    path(OFFER + "bewerken/", views.OfferEditView.as_view(), name="edit"),
    path(OFFER + "beeindigen/", views.OfferEndView.as_view(), name="end"),
    path(OFFER + "bevestigen/", views.OfferConfirmView.as_view(), name="confirm"),
]
