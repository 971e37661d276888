from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The network dashboard sits on top of all domain apps: it only reads from their queries."""

    name = "wijknet.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")
