from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "wijknet.toolbox"
    label = "toolbox"
    verbose_name = _("Kennisbank")

    def ready(self):
        from . import navigation  # noqa: F401  (registers its menu item)
