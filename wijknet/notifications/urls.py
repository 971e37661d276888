from django.urls import path

from . import views

app_name = "notifications"

BASE = "n/<slug:network_slug>/meldingen/"

urlpatterns = [
    path(BASE, views.NotificationListView.as_view(), name="list"),
    path(BASE + "aantal/", views.UnreadCountView.as_view(), name="badge"),
    path(BASE + "alles-gelezen/", views.MarkAllReadView.as_view(), name="mark_all_read"),
    path(
        BASE + "<uuid:notification_uuid>/openen/",
        views.NotificationOpenView.as_view(),
        name="open",
    ),
    path("account/meldingen/", views.EmailPreferencesView.as_view(), name="preferences"),
]
