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
    path(BASE + "hsds/", views.HsdsSettingsView.as_view(), name="hsds_settings"),
    path(BASE + "importeren/hsds/", views.HsdsImportView.as_view(), name="hsds_import"),
    path(BASE + "importeren/", views.ImportView.as_view(), name="import"),
    path(BASE + "importeren/sjabloon.csv", views.ImportTemplateView.as_view(), name="template"),
    path(OFFER, views.OfferDetailView.as_view(), name="detail"),
    path(OFFER + "bewerken/", views.OfferEditView.as_view(), name="edit"),
    path(OFFER + "beeindigen/", views.OfferEndView.as_view(), name="end"),
    path(OFFER + "bevestigen/", views.OfferConfirmView.as_view(), name="confirm"),
]

# The public HSDS 3.0 API of a network that publishes its social map (docs/hsds.md). The
# network is named `hsds_network`, not `network_slug`: no membership is needed.
API = "hsds/<slug:hsds_network>/"
urlpatterns += [
    path(API, views.HsdsRootView.as_view(), name="hsds_api_root"),
    path(API + "services", views.HsdsServiceListView.as_view(), name="hsds_api_services"),
    path(
        API + "services/<uuid:hsds_service_id>",
        views.HsdsServiceView.as_view(),
        name="hsds_api_service",
    ),
    path(
        API + "organizations",
        views.HsdsOrganizationListView.as_view(),
        name="hsds_api_organizations",
    ),
    path(
        API + "organizations/<uuid:hsds_organization_id>",
        views.HsdsOrganizationView.as_view(),
        name="hsds_api_organization",
    ),
    path(API + "taxonomies", views.HsdsTaxonomyListView.as_view(), name="hsds_api_taxonomies"),
    path(
        API + "taxonomy_terms",
        views.HsdsTaxonomyTermListView.as_view(),
        name="hsds_api_taxonomy_terms",
    ),
    path(
        API + "service_at_locations",
        views.HsdsServiceAtLocationListView.as_view(),
        name="hsds_api_service_at_locations",
    ),
]
