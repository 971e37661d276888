"""Who may publish a network's public page, and who may read it."""

from wijknet.networks.models import NetworkStatus
from wijknet.networks.roles import EDIT_NETWORK


def can_manage_public_page(membership) -> bool:
    """Publishing the network's public page and choosing what it shows is the network's own
    decision: whoever may edit the network's profile (the kartrekker)."""
    return membership is not None and membership.ended_at is None and membership.can(EDIT_NETWORK)


def may_read_public_page(page) -> bool:
    """Anybody, without logging in, may read the public page of an active network that
    published it; for any other network it does not exist (404)."""
    return page is not None and page.published and page.network.status == NetworkStatus.ACTIVE
