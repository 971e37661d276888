"""Referral URLs. Pages that can show a resident's personal data are wrapped in never_cache
(Cache-Control: no-store), like casework; the funnel shows aggregated numbers only."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

app_name = "referrals"

BASE = "n/<slug:network_slug>/verwijzingen/"
REFERRAL = BASE + "<uuid:referral_uuid>/"


def _personal(view_class):
    return never_cache(view_class.as_view())


urlpatterns = [
    path(BASE, _personal(views.ReferralListView), name="list"),
    path(BASE + "nieuw/", _personal(views.ReferralCreateView), name="create"),
    path(BASE + "doorstroom/", views.FunnelView.as_view(), name="funnel"),
    path(REFERRAL, _personal(views.ReferralDetailView), name="detail"),
    path(REFERRAL + "status/", _personal(views.ReferralStatusView), name="status"),
    path(REFERRAL + "fhir/", _personal(views.ReferralFhirView), name="fhir"),
    path(REFERRAL + "wissen/", _personal(views.ReferralEraseView), name="erase"),
]
