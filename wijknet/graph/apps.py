from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GraphConfig(AppConfig):
    name = "wijknet.graph"
    label = "graph"
    verbose_name = _("Samenwerkingsgraaf")
