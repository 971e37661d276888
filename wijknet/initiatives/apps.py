from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "wijknet.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatieven")

    def ready(self):
        from . import navigation  # noqa: F401  (registers its menu item)
