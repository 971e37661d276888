from django.urls import include, path

from . import views

app_name = "networks"

N = "n/<slug:network_slug>/"
PARTNER = "<uuid:partner_uuid>/"

partner_pages = [
    path("", views.PartnerListView.as_view(), name="partner_list"),
    path("nieuw/", views.PartnerCreateView.as_view(), name="partner_create"),
    path(PARTNER, views.PartnerDetailView.as_view(), name="partner_detail"),
    path(f"{PARTNER}bewerken/", views.PartnerEditView.as_view(), name="partner_edit"),
    path(f"{PARTNER}beeindigen/", views.PartnerEndView.as_view(), name="partner_end"),
    path(f"{PARTNER}herstellen/", views.PartnerRestoreView.as_view(), name="partner_restore"),
]

member_pages = [
    path("", views.MemberListView.as_view(), name="member_list"),
    path("uitnodigen/", views.InvitationCreateView.as_view(), name="invitation_create"),
    path("<uuid:membership_uuid>/rol/", views.MemberRoleView.as_view(), name="member_role"),
    path(
        "<uuid:membership_uuid>/beeindigen/",
        views.MemberEndView.as_view(),
        name="member_end",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("netwerken/", views.network_list, name="list"),
    path("netwerken/nieuw/", views.NetworkCreateView.as_view(), name="create"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path(N + "profiel/", views.NetworkEditView.as_view(), name="edit"),
    path(
        N + "uitnodigingen/<uuid:invitation_uuid>/intrekken/",
        views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path(N + "partners/", include(partner_pages)),
    path(N + "leden/", include(member_pages)),
]
