from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijknet.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from . import choices

        choices.install()
