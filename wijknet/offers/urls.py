from django.urls import include, path

from . import views

app_name = "offers"

BASE = "n/<slug:network_slug>/sociale-kaart/"
OFFER = "<uuid:offer_uuid>/"

pages = [
    path("", views.OfferListView.as_view(), name="list"),
    path("nieuw/", views.OfferCreateView.as_view(), name="create"),
    path("niet-bevestigd/", views.StaleListView.as_view(), name="stale"),
    path("afdrukken/", views.PrintListView.as_view(), name="print"),
    path("hsds.json", views.HsdsExportView.as_view(), name="hsds"),
    path("hsds-diensten.json", views.HsdsServicesExportView.as_view(), name="hsds_services"),
    path("hsds/", views.HsdsSettingsView.as_view(), name="hsds_settings"),
    path("importeren/hsds/", views.HsdsImportView.as_view(), name="hsds_import"),
    path("importeren/", views.ImportView.as_view(), name="import"),
    path("importeren/sjabloon.csv", views.ImportTemplateView.as_view(), name="template"),
    path(OFFER, views.OfferDetailView.as_view(), name="detail"),
    path(OFFER + "bewerken/", views.OfferEditView.as_view(), name="edit"),
    path(OFFER + "beeindigen/", views.OfferEndView.as_view(), name="end"),
    path(OFFER + "bevestigen/", views.OfferConfirmView.as_view(), name="confirm"),
]

# The public HSDS 3.0 API of a network that publishes its social map (docs/hsds.md). The
# network is named `hsds_network`, not `network_slug`: no membership is needed.
API = "hsds/<slug:hsds_network>/"
hsds_api = [
    path("", views.HsdsRootView.as_view(), name="hsds_api_root"),
    path("services", views.HsdsServiceListView.as_view(), name="hsds_api_services"),
    path(
        "services/<uuid:hsds_service_id>",
        views.HsdsServiceView.as_view(),
        name="hsds_api_service",
    ),
    path(
        "organizations",
        views.HsdsOrganizationListView.as_view(),
        name="hsds_api_organizations",
    ),
    path(
        "organizations/<uuid:hsds_organization_id>",
        views.HsdsOrganizationView.as_view(),
        name="hsds_api_organization",
    ),
    path("taxonomies", views.HsdsTaxonomyListView.as_view(), name="hsds_api_taxonomies"),
    path(
        "taxonomy_terms",
        views.HsdsTaxonomyTermListView.as_view(),
        name="hsds_api_taxonomy_terms",
    ),
    path(
        "service_at_locations",
        views.HsdsServiceAtLocationListView.as_view(),
        name="hsds_api_service_at_locations",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages)), path(API, include(hsds_api))]
