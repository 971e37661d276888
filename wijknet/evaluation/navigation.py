"""The evaluation page in the network menu (core/navigation.py), with the permission its views
check."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, register
from wijknet.networks import roles

register(
    NavItem(
        "evaluation",
        "learning",
        _("Evaluatie"),
        "evaluation:index",
        roles.VIEW_EVALUATION,
        apps=("evaluation",),
        order=45,
    )
)
