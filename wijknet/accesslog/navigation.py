"""The access log in the network menu (core/navigation.py): for privacy officers only."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, pages_of, register

from . import access

register(
    NavItem(
        "accesslog",
        "network",
        _("Inzagelog"),
        "accesslog:search",
        policy=access.is_privacy_officer,
        url_names=pages_of("accesslog", "officers"),
        order=70,
    )
)
