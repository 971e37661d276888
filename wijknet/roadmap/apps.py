from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "wijknet.roadmap"
    label = "roadmap"
    verbose_name = _("Stappenplan")
