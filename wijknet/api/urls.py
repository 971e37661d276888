from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import views, web

app_name = "api"

V1 = "api/v1/"

pages = [
    path("", views.Root.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.ReferenceView.as_view(url_name="api:schema"), name="docs"),
    path("networks/", views.NetworkList.as_view(), name="networks"),
    path("partners/", views.PartnerList.as_view(), name="partners"),
    path("partners/<uuid:uuid>/", views.PartnerDetail.as_view(), name="partner"),
    path("members/", views.MemberList.as_view(), name="members"),
    path("goals/", views.GoalList.as_view(), name="goals"),
    path("goals/<uuid:uuid>/", views.GoalDetail.as_view(), name="goal"),
    path("actions/", views.ActionList.as_view(), name="actions"),
    path("actions/<uuid:uuid>/", views.ActionDetail.as_view(), name="action"),
    path("meetings/", views.MeetingList.as_view(), name="meetings"),
    path("meetings/<uuid:uuid>/", views.MeetingDetail.as_view(), name="meeting"),
    path("successes/", views.SuccessList.as_view(), name="successes"),
    path("agreement/", views.AgreementView.as_view(), name="agreement"),
    path("funding/", views.FundingList.as_view(), name="funding"),
    path("scan-rounds/", views.ScanRoundList.as_view(), name="scan_rounds"),
    path(
        "scan-rounds/<uuid:uuid>/results/",
        views.ScanRoundResults.as_view(),
        name="scan_round_results",
    ),
    path("organisations/", views.OrganisationList.as_view(), name="organisations"),
    path("health-signals/", views.HealthSignalList.as_view(), name="health_signals"),
    path("offers/", views.OfferList.as_view(), name="offers"),
    path("offers/<uuid:uuid>/", views.OfferDetail.as_view(), name="offer"),
    path("referrals/", views.ReferralList.as_view(), name="referrals"),
    path("referrals/<uuid:uuid>/", views.ReferralDetail.as_view(), name="referral"),
    path(
        "referrals/<uuid:uuid>/status/",
        views.ReferralStatusUpdate.as_view(),
        name="referral_status",
    ),
    path("referrals/<uuid:uuid>/fhir/", views.ReferralFhir.as_view(), name="referral_fhir"),
    path("clients/<uuid:uuid>/fhir/", views.ClientFhir.as_view(), name="client_fhir"),
    path("help-requests/", views.HelpRequestList.as_view(), name="help_requests"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("account/api-sleutels/", web.TokenListView.as_view(), name="tokens"),
    path(
        "account/api-sleutels/<uuid:token_uuid>/intrekken/",
        web.TokenRevokeView.as_view(),
        name="token_revoke",
    ),
    path(V1, include(pages)),
]
