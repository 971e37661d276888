from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views, web

app_name = "api"

V1 = "api/v1/"

urlpatterns = [
    path("account/api-sleutels/", web.TokenListView.as_view(), name="tokens"),
    path(
        "account/api-sleutels/<uuid:token_uuid>/intrekken/",
        web.TokenRevokeView.as_view(),
        name="token_revoke",
    ),
    path(V1, views.Root.as_view(), name="root"),
    path(f"{V1}schema/", SpectacularAPIView.as_view(), name="schema"),
    path(f"{V1}docs/", views.ReferenceView.as_view(url_name="api:schema"), name="docs"),
    path(f"{V1}networks/", views.NetworkList.as_view(), name="networks"),
    path(f"{V1}partners/", views.PartnerList.as_view(), name="partners"),
    path(f"{V1}partners/<uuid:uuid>/", views.PartnerDetail.as_view(), name="partner"),
    path(f"{V1}members/", views.MemberList.as_view(), name="members"),
    path(f"{V1}goals/", views.GoalList.as_view(), name="goals"),
    path(f"{V1}goals/<uuid:uuid>/", views.GoalDetail.as_view(), name="goal"),
    path(f"{V1}actions/", views.ActionList.as_view(), name="actions"),
    path(f"{V1}actions/<uuid:uuid>/", views.ActionDetail.as_view(), name="action"),
    path(f"{V1}meetings/", views.MeetingList.as_view(), name="meetings"),
    path(f"{V1}meetings/<uuid:uuid>/", views.MeetingDetail.as_view(), name="meeting"),
    path(f"{V1}successes/", views.SuccessList.as_view(), name="successes"),
    path(f"{V1}agreement/", views.AgreementView.as_view(), name="agreement"),
    path(f"{V1}funding/", views.FundingList.as_view(), name="funding"),
    path(f"{V1}scan-rounds/", views.ScanRoundList.as_view(), name="scan_rounds"),
    path(
        f"{V1}scan-rounds/<uuid:uuid>/results/",
        views.ScanRoundResults.as_view(),
        name="scan_round_results",
    ),
    path(f"{V1}organisations/", views.OrganisationList.as_view(), name="organisations"),
    path(f"{V1}health-signals/", views.HealthSignalList.as_view(), name="health_signals"),
    path(f"{V1}offers/", views.OfferList.as_view(), name="offers"),
    path(f"{V1}offers/<uuid:uuid>/", views.OfferDetail.as_view(), name="offer"),
    path(f"{V1}referrals/", views.ReferralList.as_view(), name="referrals"),
    path(f"{V1}referrals/<uuid:uuid>/", views.ReferralDetail.as_view(), name="referral"),
    path(
        f"{V1}referrals/<uuid:uuid>/status/",
        views.ReferralStatusUpdate.as_view(),
        name="referral_status",
    ),
    path(f"{V1}referrals/<uuid:uuid>/fhir/", views.ReferralFhir.as_view(), name="referral_fhir"),
    path(f"{V1}clients/<uuid:uuid>/fhir/", views.ClientFhir.as_view(), name="client_fhir"),
    path(f"{V1}help-requests/", views.HelpRequestList.as_view(), name="help_requests"),
]
