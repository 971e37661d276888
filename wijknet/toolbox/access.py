"""Who may read and change which toolbox item.

Shared items (the content file's, and own items a platform editor accepted) are read by every
member of every network; a network's own item only by its current members. Changing, deleting
and offering an own item is for members who may edit the step plan (kartrekker, core group),
and only while it is not part of the shared toolbox. A platform editor (a staff account)
decides on offers. Another network's own item is a 404, like anything of another network.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from wijknet.networks.access import current_membership_of
from wijknet.networks.roles import EDIT_ROADMAP

from .models import Offer, ToolboxItem


def visible_to(network) -> Q:
    """The items a member of `network` reads."""
    return Q(network__isnull=True) | Q(network=network) | Q(offer=Offer.ACCEPTED)


def may_add_own(network, user) -> bool:
    """Add an own item to the network's kennisbank: kartrekker and core group (edit_roadmap)."""
    membership = current_membership_of(network, user)
    return membership is not None and membership.can(EDIT_ROADMAP)


def may_change(item: ToolboxItem, network, user) -> bool:
    """Edit, delete or offer: the network's own item, not (yet) taken into the shared toolbox."""
    return (
        item.network_id == network.pk
        and item.offer != Offer.ACCEPTED
        and may_add_own(network, user)
    )


def is_platform_editor(user) -> bool:
    """Decide on offers to the shared kennisbank: a staff account (the platform's editors)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def get_item(network, key: str) -> ToolboxItem:
    return get_object_or_404(
        ToolboxItem.objects.filter(visible_to(network)).select_related("network"),
        key=key,
        retired=False,
    )


def get_own_item(network, key: str) -> ToolboxItem:
    """An item of this network's own (for its editing pages)."""
    return get_object_or_404(ToolboxItem, network=network, key=key, retired=False)


def get_offered_item(key: str) -> ToolboxItem:
    return get_object_or_404(
        ToolboxItem.objects.select_related("network"), key=key, offer=Offer.OFFERED
    )
