from django.urls import path

from . import views

app_name = "networks"

N = "n/<slug:network_slug>/"
PARTNER = f"{N}partners/<uuid:partner_uuid>/"

urlpatterns = [
    path("netwerken/", views.network_list, name="list"),
    path("netwerken/nieuw/", views.NetworkCreateView.as_view(), name="create"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path(f"{N}profiel/", views.NetworkEditView.as_view(), name="edit"),
    path(f"{N}partners/", views.PartnerListView.as_view(), name="partner_list"),
    path(f"{N}partners/nieuw/", views.PartnerCreateView.as_view(), name="partner_create"),
    path(PARTNER, views.PartnerDetailView.as_view(), name="partner_detail"),
    path(f"{PARTNER}bewerken/", views.PartnerEditView.as_view(), name="partner_edit"),
    path(f"{PARTNER}beeindigen/", views.PartnerEndView.as_view(), name="partner_end"),
    path(f"{PARTNER}herstellen/", views.PartnerRestoreView.as_view(), name="partner_restore"),
    path(f"{N}leden/", views.MemberListView.as_view(), name="member_list"),
    path(f"{N}leden/uitnodigen/", views.InvitationCreateView.as_view(), name="invitation_create"),
    path(
        f"{N}leden/<uuid:membership_uuid>/rol/", views.MemberRoleView.as_view(), name="member_role"
    ),
    path(
        f"{N}leden/<uuid:membership_uuid>/beeindigen/",
        views.MemberEndView.as_view(),
        name="member_end",
    ),
    path(
        f"{N}uitnodigingen/<uuid:invitation_uuid>/intrekken/",
        views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
]
