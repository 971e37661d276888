"""The wijkprofiel in the network menu (core/navigation.py), with the permission its page
checks."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, register
from wijknet.networks import roles

register(
    NavItem(
        "wijkprofiel",
        "learning",
        _("Wijkprofiel"),
        "wijkprofiel:index",
        roles.VIEW_ROADMAP,
        apps=("wijkprofiel",),
        order=5,
    )
)
