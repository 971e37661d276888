from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "wijknet.networks"
    label = "networks"
    verbose_name = _("Netwerken")

    def ready(self):
        from . import navigation  # noqa: F401  (registers the network menu's items)
