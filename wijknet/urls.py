from django.urls import include, path
from django.views.i18n import set_language

from wijknet.networks.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("wijknet.core.urls")),
    path("account/", include("wijknet.accounts.urls")),
    path("taal/", set_language, name="set_language"),
    path("", include("wijknet.networks.urls")),
    path("", include("wijknet.dashboard.urls")),
    path("", include("wijknet.mywork.urls")),
    path("", include("wijknet.roadmap.urls")),
    path("", include("wijknet.scans.urls")),
    path("", include("wijknet.agreements.urls")),
    path("", include("wijknet.meetings.urls")),
    path("", include("wijknet.actions.urls")),
    path("", include("wijknet.health.urls")),
    path("", include("wijknet.graph.urls")),
    path("", include("wijknet.offers.urls")),
    path("", include("wijknet.notifications.urls")),
    path("", include("wijknet.referrals.urls")),
    path("", include("wijknet.volunteering.urls")),
    path("", include("wijknet.accesslog.urls")),
    path("", include("wijknet.casework.urls")),
    path("", include("wijknet.toolbox.urls")),
    path("", include("wijknet.reports.urls")),
    path("", include("wijknet.api.urls")),
    path("", include("wijknet.initiatives.urls")),
    path("", include("wijknet.public.urls")),
    path("", include("wijknet.wijkprofiel.urls")),
    path("", include("wijknet.residents.urls")),
    path("", include("wijknet.evaluation.urls")),
]
