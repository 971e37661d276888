from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "wijknet.public"
    label = "public"
    verbose_name = _("Openbare netwerkpagina")

    def ready(self):
        from . import navigation  # noqa: F401  (registers its menu item)
