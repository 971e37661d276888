from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("netwerken/", views.network_list, name="list"),
    path("netwerken/nieuw/", views.NetworkCreateView.as_view(), name="create"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("n/<slug:network_slug>/profiel/", views.NetworkEditView.as_view(), name="edit"),
    path("n/<slug:network_slug>/partners/", views.PartnerListView.as_view(), name="partner_list"),
    path(
        "n/<slug:network_slug>/partners/nieuw/",
        views.PartnerCreateView.as_view(),
        name="partner_create",
    ),
    path(
        "n/<slug:network_slug>/partners/<uuid:partner_uuid>/",
        views.PartnerDetailView.as_view(),
        name="partner_detail",
    ),
    path(
        "n/<slug:network_slug>/partners/<uuid:partner_uuid>/bewerken/",
        views.PartnerEditView.as_view(),
        name="partner_edit",
    ),
    path(
        "n/<slug:network_slug>/partners/<uuid:partner_uuid>/beeindigen/",
        views.PartnerEndView.as_view(),
        name="partner_end",
    ),
    path(
        "n/<slug:network_slug>/partners/<uuid:partner_uuid>/herstellen/",
        views.PartnerRestoreView.as_view(),
        name="partner_restore",
    ),
    path("n/<slug:network_slug>/leden/", views.MemberListView.as_view(), name="member_list"),
    path(
        "n/<slug:network_slug>/leden/uitnodigen/",
        views.InvitationCreateView.as_view(),
        name="invitation_create",
    ),
    path(
        "n/<slug:network_slug>/leden/<uuid:membership_uuid>/rol/",
        views.MemberRoleView.as_view(),
        name="member_role",
    ),
    path(
        "n/<slug:network_slug>/leden/<uuid:membership_uuid>/beeindigen/",
        views.MemberEndView.as_view(),
        name="member_end",
    ),
    path(
        "n/<slug:network_slug>/uitnodigingen/<uuid:invitation_uuid>/intrekken/",
        views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
]
