from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyWorkConfig(AppConfig):
    """ "Mijn werk", every member's start page: it sits with the dashboard on top of all domain
    apps and only reads from them."""

    name = "wijknet.mywork"
    label = "mywork"
    verbose_name = _("Mijn werk")
