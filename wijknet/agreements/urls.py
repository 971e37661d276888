from django.urls import include, path

from . import views

app_name = "agreements"

P = "n/<slug:network_slug>/afspraken/"

pages = [
    path("", views.AgreementIndexView.as_view(), name="index"),
    path("versies/", views.AgreementVersionListView.as_view(), name="version_list"),
    path("nieuwe-versie/", views.AgreementNewVersionView.as_view(), name="version_create"),
    path(
        "versies/<uuid:agreement_uuid>/",
        views.AgreementVersionDetailView.as_view(),
        name="version_detail",
    ),
    path(
        "versies/<uuid:agreement_uuid>/onderschrijven/",
        views.EndorsementCreateView.as_view(),
        name="endorsement_create",
    ),
    path("financiering/nieuw/", views.FundingCreateView.as_view(), name="funding_create"),
    path(
        "financiering/<uuid:funding_uuid>/bewerken/",
        views.FundingEditView.as_view(),
        name="funding_edit",
    ),
    path(
        "financiering/<uuid:funding_uuid>/verwijderen/",
        views.FundingDeleteView.as_view(),
        name="funding_delete",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(P, include(pages))]
