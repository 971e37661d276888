from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkprofielConfig(AppConfig):
    name = "wijknet.wijkprofiel"
    label = "wijkprofiel"
    verbose_name = _("Wijkprofiel")

    def ready(self):
        from . import navigation  # noqa: F401  (registers its menu item)
