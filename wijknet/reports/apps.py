from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "wijknet.reports"
    label = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from . import navigation  # noqa: F401  (registers its menu item)
