"""Resident pages (`/mijn/…`, their own record only) and the care team's page about the
resident's access (under the client). Every view is wrapped in never_cache."""

from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import views

app_name = "residents"

MINE = "mijn/<uuid:link_uuid>/"
TEAM = "n/<slug:network_slug>/clienten/<uuid:client_uuid>/bewoner/"


def _v(view_class):
    return never_cache(view_class.as_view())


own_pages = [
    path("", _v(views.PlanView), name="plan"),
    path("mijn-woorden/", _v(views.WordsView), name="words"),
    path("actie/<uuid:own_action_uuid>/gedaan/", _v(views.ActionDoneView), name="action_done"),
    path("positieve-gezondheid/", _v(views.HealthView), name="health"),
    path("positieve-gezondheid/invullen/", _v(views.HealthFillView), name="health_fill"),
    path("vragen/", _v(views.MessagesView), name="messages"),
    path("toestemming/", _v(views.ConsentsView), name="consents"),
    path(
        "toestemming/<uuid:consent_uuid>/intrekken/",
        _v(views.ConsentWithdrawView),
        name="consent_withdraw",
    ),
    path(
        "toestemming/voorstel/<uuid:proposal_uuid>/",
        _v(views.ConsentGrantView),
        name="consent_grant",
    ),
    path("inzage/", _v(views.AccessLogView), name="accesslog"),
    path("mijn-gegevens.json", _v(views.ExportJsonView), name="export_json"),
    path("mijn-gegevens/", _v(views.ExportHtmlView), name="export_html"),
    path("meekijken/", _v(views.LinksView), name="links"),
    path(
        "meekijken/<uuid:other_uuid>/stoppen/",
        _v(views.LinkEndView),
        name="link_end",
    ),
]

team_pages = [
    path("", _v(views.TeamView), name="team"),
    path("uitnodigen/", _v(views.TeamInviteView), name="team_invite"),
    path("antwoorden/", _v(views.TeamReplyView), name="team_reply"),
    path("toestemming-voorstellen/", _v(views.TeamProposeView), name="team_propose"),
    path("<uuid:other_uuid>/stoppen/", _v(views.TeamLinkEndView), name="team_link_end"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("mijn/", _v(views.HomeView), name="home"),
    path("mijn/uitnodiging/<str:token>/", _v(views.AcceptView), name="accept"),
    path("mijn/code/", _v(views.EmailCodeView), name="code"),
    path(MINE, include(own_pages)),
    path(TEAM, include(team_pages)),
]
