from django.urls import include, path

from . import views

app_name = "notifications"

BASE = "n/<slug:network_slug>/meldingen/"

pages = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("aantal/", views.UnreadCountView.as_view(), name="badge"),
    path("alles-gelezen/", views.MarkAllReadView.as_view(), name="mark_all_read"),
    path(
        "<uuid:notification_uuid>/openen/",
        views.NotificationOpenView.as_view(),
        name="open",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [
    path("account/meldingen/", views.EmailPreferencesView.as_view(), name="preferences"),
    path(BASE, include(pages)),
]
