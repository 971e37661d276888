from django.urls import path

from . import views

app_name = "meetings"

MEETING = "n/<slug:network_slug>/bijeenkomsten/<uuid:meeting_uuid>/"

urlpatterns = [
    path("agenda/<str:feed_token>.ics", views.calendar_feed, name="feed"),
    path("n/<slug:network_slug>/bijeenkomsten/", views.MeetingListView.as_view(), name="list"),
    path(
        "n/<slug:network_slug>/bijeenkomsten/nieuw/",
        views.MeetingCreateView.as_view(),
        name="create",
    ),
    path(
        "n/<slug:network_slug>/bijeenkomsten/agenda-adres/",
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
