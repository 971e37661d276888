from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

app_name = "volunteering"

BASE = "n/<slug:network_slug>/inzet/"
REQUEST = BASE + "hulpvragen/<uuid:request_uuid>/"
VOLUNTEER = BASE + "vrijwilligers/<uuid:volunteer_uuid>/"
MATCH = BASE + "koppelingen/<uuid:match_uuid>/"


def _personal(view_class):
    """A page with a help-seeker's data: Cache-Control: no-store, like casework."""
    return never_cache(view_class.as_view())


urlpatterns = [
    path(BASE, views.IndexView.as_view(), name="index"),
    path(BASE + "hulpvragen/", views.RequestListView.as_view(), name="request_list"),
    path(BASE + "hulpvragen/nieuw/", views.RequestCreateView.as_view(), name="request_create"),
    path(REQUEST, _personal(views.RequestDetailView), name="request_detail"),
    path(REQUEST + "koppelen/", _personal(views.MatchingView), name="matching"),
    path(REQUEST + "export.json", _personal(views.RequestExportView), name="request_export"),
    path(REQUEST + "wissen/", _personal(views.RequestEraseView), name="request_erase"),
    path(REQUEST + "sluiten/", _personal(views.RequestCloseView), name="request_close"),
    path(BASE + "vrijwilligers/", views.VolunteerListView.as_view(), name="volunteer_list"),
    path(
        BASE + "vrijwilligers/nieuw/", views.VolunteerCreateView.as_view(), name="volunteer_create"
    ),
    path(VOLUNTEER, views.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path(VOLUNTEER + "bewerken/", views.VolunteerEditView.as_view(), name="volunteer_edit"),
    path(VOLUNTEER + "uren/", views.VolunteerHoursView.as_view(), name="volunteer_hours"),
    path(BASE + "mijn-profiel/", views.OwnProfileView.as_view(), name="own_profile"),
    path(BASE + "koppelingen/", _personal(views.MatchListView), name="match_list"),
    path(MATCH, _personal(views.MatchDetailView), name="match_detail"),
    path(MATCH + "status/", _personal(views.MatchTransitionView), name="match_transition"),
    path(MATCH + "stoppen/", _personal(views.MatchStopView), name="match_stop"),
    path(BASE + "opvolging/<uuid:followup_uuid>/", _personal(views.FollowUpView), name="followup"),
    path(BASE + "uren/", views.HoursView.as_view(), name="hours"),
    path(BASE + "uren/overzicht/", views.HoursReportView.as_view(), name="hours_report"),
    path(BASE + "uren/overzicht.csv", views.HoursCsvView.as_view(), name="hours_csv"),
]
