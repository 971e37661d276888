from django.urls import include, path

from . import views

app_name = "meetings"

BASE = "n/<slug:network_slug>/bijeenkomsten/"
MEETING = "<uuid:meeting_uuid>/"

pages = [
    path("", views.MeetingListView.as_view(), name="list"),
    path(
        "nieuw/",
        views.MeetingCreateView.as_view(),
        name="create",
    ),
    path(
        "agenda-adres/",
        views.FeedRotateView.as_view(),
        name="feed_rotate",
    ),
    path(MEETING, views.MeetingDetailView.as_view(), name="detail"),
    path(MEETING + "bewerken/", views.MeetingEditView.as_view(), name="edit"),
    path(MEETING + "verwijderen/", views.MeetingDeleteView.as_view(), name="delete"),
    path(MEETING + "aanwezigheid/", views.AttendanceView.as_view(), name="attendance"),
    path(MEETING + "besluiten/nieuw/", views.DecisionAddView.as_view(), name="decision_add"),
    path(
        MEETING + "besluiten/<int:decision_id>/gecommuniceerd/",
        views.DecisionCommunicatedView.as_view(),
        name="decision_communicated",
    ),
    path(MEETING + "reflectie/", views.ReflectionView.as_view(), name="reflection"),
    path(MEETING + "ical/", views.MeetingIcalView.as_view(), name="ical"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("agenda/<str:feed_token>.ics", views.calendar_feed, name="feed"),
    path(BASE, include(pages)),
]
