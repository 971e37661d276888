"""The reports in the network menu (core/navigation.py), with the permission its views check."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, register
from wijknet.networks import roles

register(
    NavItem(
        "reports",
        "learning",
        _("Rapportages"),
        "reports:list",
        roles.VIEW_REPORTS,
        apps=("reports",),
        order=60,
    )
)
