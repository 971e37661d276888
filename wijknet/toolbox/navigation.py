"""The toolbox in the network menu (core/navigation.py), with the permission its views check."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, register
from wijknet.networks import roles

register(
    NavItem(
        "toolbox",
        "learning",
        _("Kennisbank"),
        "toolbox:list",
        roles.VIEW_ROADMAP,
        apps=("toolbox",),
        order=50,
    )
)
