from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "wijknet.volunteering"
    verbose_name = "Vrijwillige inzet"
