from django.urls import path

from . import views

app_name = "volunteering"

BASE = "n/<slug:network_slug>/inzet/"
REQUEST = BASE + "hulpvragen/<uuid:request_uuid>/"
VOLUNTEER = BASE + "vrijwilligers/<uuid:volunteer_uuid>/"
MATCH = BASE + "koppelingen/<uuid:match_uuid>/"

urlpatterns = [
    path(BASE, views.IndexView.as_view(), name="index"),
    path(BASE + "hulpvragen/", views.RequestListView.as_view(), name="request_list"),
    path(BASE + "hulpvragen/nieuw/", views.RequestCreateView.as_view(), name="request_create"),
    path(REQUEST, views.RequestDetailView.as_view(), name="request_detail"),
    path(REQUEST + "koppelen/", views.MatchingView.as_view(), name="matching"),
    path(REQUEST + "sluiten/", views.RequestCloseView.as_view(), name="request_close"),
    path(BASE + "vrijwilligers/", views.VolunteerListView.as_view(), name="volunteer_list"),
    path(
        BASE + "vrijwilligers/nieuw/", views.VolunteerCreateView.as_view(), name="volunteer_create"
    ),
    path(VOLUNTEER, views.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path(VOLUNTEER + "bewerken/", views.VolunteerEditView.as_view(), name="volunteer_edit"),
    path(VOLUNTEER + "uren/", views.VolunteerHoursView.as_view(), name="volunteer_hours"),
    path(BASE + "mijn-profiel/", views.OwnProfileView.as_view(), name="own_profile"),
    path(BASE + "koppelingen/", views.MatchListView.as_view(), name="match_list"),
    path(MATCH, views.MatchDetailView.as_view(), name="match_detail"),
    path(MATCH + "status/", views.MatchTransitionView.as_view(), name="match_transition"),
    path(MATCH + "stoppen/", views.MatchStopView.as_view(), name="match_stop"),
    path(BASE + "opvolging/<uuid:followup_uuid>/", views.FollowUpView.as_view(), name="followup"),
    path(BASE + "uren/", views.HoursView.as_view(), name="hours"),
    path(BASE + "uren/overzicht/", views.HoursReportView.as_view(), name="hours_report"),
    path(BASE + "uren/overzicht.csv", views.HoursCsvView.as_view(), name="hours_csv"),
]
