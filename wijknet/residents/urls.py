"""Resident pages (`/mijn/…`, their own record only) and the care team's page about the
resident's access (under the client). Every view is wrapped in never_cache."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

app_name = "residents"

MINE = "mijn/<uuid:link_uuid>/"
TEAM = "n/<slug:network_slug>/clienten/<uuid:client_uuid>/bewoner/"


def _v(view_class):
    return never_cache(view_class.as_view())


urlpatterns = [
    path("mijn/", _v(views.HomeView), name="home"),
    path("mijn/uitnodiging/<str:token>/", _v(views.AcceptView), name="accept"),
    path("mijn/code/", _v(views.EmailCodeView), name="code"),
    path(MINE, _v(views.PlanView), name="plan"),
    path(MINE + "mijn-woorden/", _v(views.WordsView), name="words"),
    path(
        MINE + "actie/<uuid:own_action_uuid>/gedaan/", _v(views.ActionDoneView), name="action_done"
    ),
    path(MINE + "positieve-gezondheid/", _v(views.HealthView), name="health"),
    path(MINE + "positieve-gezondheid/invullen/", _v(views.HealthFillView), name="health_fill"),
    path(MINE + "vragen/", _v(views.MessagesView), name="messages"),
    path(MINE + "toestemming/", _v(views.ConsentsView), name="consents"),
    path(
        MINE + "toestemming/<uuid:consent_uuid>/intrekken/",
        _v(views.ConsentWithdrawView),
        name="consent_withdraw",
    ),
    path(
        MINE + "toestemming/voorstel/<uuid:proposal_uuid>/",
        _v(views.ConsentGrantView),
        name="consent_grant",
    ),
    path(MINE + "inzage/", _v(views.AccessLogView), name="accesslog"),
    path(MINE + "mijn-gegevens.json", _v(views.ExportJsonView), name="export_json"),
    path(MINE + "mijn-gegevens/", _v(views.ExportHtmlView), name="export_html"),
    path(MINE + "meekijken/", _v(views.LinksView), name="links"),
    path(
        MINE + "meekijken/<uuid:other_uuid>/stoppen/",
        _v(views.LinkEndView),
        name="link_end",
    ),
    path(TEAM, _v(views.TeamView), name="team"),
    path(TEAM + "uitnodigen/", _v(views.TeamInviteView), name="team_invite"),
    path(TEAM + "antwoorden/", _v(views.TeamReplyView), name="team_reply"),
    path(TEAM + "toestemming-voorstellen/", _v(views.TeamProposeView), name="team_propose"),
    path(TEAM + "<uuid:other_uuid>/stoppen/", _v(views.TeamLinkEndView), name="team_link_end"),
]
