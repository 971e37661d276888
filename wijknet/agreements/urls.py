from django.urls import path

from . import views

app_name = "agreements"

P = "n/<slug:network_slug>/afspraken/"

urlpatterns = [
    path(P, views.AgreementIndexView.as_view(), name="index"),
    path(P + "versies/", views.AgreementVersionListView.as_view(), name="version_list"),
    path(P + "nieuwe-versie/", views.AgreementNewVersionView.as_view(), name="version_create"),
    path(
        P + "versies/<uuid:agreement_uuid>/",
        views.AgreementVersionDetailView.as_view(),
        name="version_detail",
    ),
    path(
        P + "versies/<uuid:agreement_uuid>/onderschrijven/",
        views.EndorsementCreateView.as_view(),
        name="endorsement_create",
    ),
    path(P + "financiering/nieuw/", views.FundingCreateView.as_view(), name="funding_create"),
    path(
        P + "financiering/<uuid:funding_uuid>/bewerken/",
        views.FundingEditView.as_view(),
        name="funding_edit",
    ),
    path(
        P + "financiering/<uuid:funding_uuid>/verwijderen/",
        views.FundingDeleteView.as_view(),
        name="funding_delete",
    ),
]
