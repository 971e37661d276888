"""Initiatives in the network menu (core/navigation.py), with the policy its views check."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, register

from . import access

register(
    NavItem(
        "initiatives",
        "residents",
        _("Ideeën en initiatieven"),
        "initiatives:list",
        policy=access.can_view_initiatives,
        apps=("initiatives",),
        order=50,
    )
)
