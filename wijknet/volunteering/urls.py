from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import views

app_name = "volunteering"

BASE = "n/<slug:network_slug>/inzet/"
REQUEST = "hulpvragen/<uuid:request_uuid>/"
VOLUNTEER = "vrijwilligers/<uuid:volunteer_uuid>/"
MATCH = "koppelingen/<uuid:match_uuid>/"


def _personal(view_class):
    """A page with a help-seeker's data: Cache-Control: no-store, like casework."""
    return never_cache(view_class.as_view())


pages = [
    path("", views.IndexView.as_view(), name="index"),
    path("hulpvragen/", views.RequestListView.as_view(), name="request_list"),
    path("hulpvragen/nieuw/", views.RequestCreateView.as_view(), name="request_create"),
    path(REQUEST, _personal(views.RequestDetailView), name="request_detail"),
    path(REQUEST + "koppelen/", _personal(views.MatchingView), name="matching"),
    path(REQUEST + "export.json", _personal(views.RequestExportView), name="request_export"),
    path(REQUEST + "wissen/", _personal(views.RequestEraseView), name="request_erase"),
    path(REQUEST + "sluiten/", _personal(views.RequestCloseView), name="request_close"),
    path("vrijwilligers/", views.VolunteerListView.as_view(), name="volunteer_list"),
    path("vrijwilligers/nieuw/", views.VolunteerCreateView.as_view(), name="volunteer_create"),
    path(VOLUNTEER, views.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path(VOLUNTEER + "bewerken/", views.VolunteerEditView.as_view(), name="volunteer_edit"),
    path(VOLUNTEER + "uren/", views.VolunteerHoursView.as_view(), name="volunteer_hours"),
    path("mijn-profiel/", views.OwnProfileView.as_view(), name="own_profile"),
    path("koppelingen/", _personal(views.MatchListView), name="match_list"),
    path(MATCH, _personal(views.MatchDetailView), name="match_detail"),
    path(MATCH + "status/", _personal(views.MatchTransitionView), name="match_transition"),
    path(MATCH + "stoppen/", _personal(views.MatchStopView), name="match_stop"),
    path("opvolging/<uuid:followup_uuid>/", _personal(views.FollowUpView), name="followup"),
    path("uren/", views.HoursView.as_view(), name="hours"),
    path("uren/overzicht/", views.HoursReportView.as_view(), name="hours_report"),
    path("uren/overzicht.csv", views.HoursCsvView.as_view(), name="hours_csv"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
