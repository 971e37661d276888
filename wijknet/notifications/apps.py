from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wijknet.notifications"
    verbose_name = "Meldingen"
