"""Referral URLs. Pages that can show a resident's personal data are wrapped in never_cache
(Cache-Control: no-store), like casework; the funnel shows aggregated numbers only."""

from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import views

app_name = "referrals"

BASE = "n/<slug:network_slug>/verwijzingen/"
REFERRAL = "<uuid:referral_uuid>/"


def _personal(view_class):
    return never_cache(view_class.as_view())


pages = [
    path("", _personal(views.ReferralListView), name="list"),
    path("nieuw/", _personal(views.ReferralCreateView), name="create"),
    path("doorstroom/", views.FunnelView.as_view(), name="funnel"),
    path(REFERRAL, _personal(views.ReferralDetailView), name="detail"),
    path(REFERRAL + "status/", _personal(views.ReferralStatusView), name="status"),
    path(REFERRAL + "fhir/", _personal(views.ReferralFhirView), name="fhir"),
    path(REFERRAL + "wissen/", _personal(views.ReferralEraseView), name="erase"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
