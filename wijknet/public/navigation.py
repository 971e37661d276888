"""The public page's settings in the network menu (core/navigation.py), with its view's
policy."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, register

from . import access

register(
    NavItem(
        "public_page",
        "network",
        _("Openbare pagina"),
        "public:settings",
        policy=access.can_manage_public_page,
        apps=("public",),
        order=70,
    )
)
