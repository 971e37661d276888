"""Who may manage which offers, and single offers of the active network: another network's
offer is a 404, like a missing one."""

from django.shortcuts import get_object_or_404

from wijknet.networks import roles
from wijknet.networks.models import NetworkStatus

from .models import Offer


def can_edit_any(membership) -> bool:
    """Every provider's offers (and the CSV import): whoever may edit the partners."""
    return membership is not None and membership.can(roles.EDIT_PARTNERS)


def may_edit_own_organisation(membership) -> bool:
    """A network partner manages the offers of their own organisation."""
    return membership.role == roles.Role.PARTNER and membership.organisation_id is not None


def can_edit_for(membership, provider) -> bool:
    """May this membership create or change offers of this provider? The partner editors for
    every provider; a network partner for their own organisation."""
    if membership is None or membership.ended_at is not None:
        return False
    if membership.network_id != provider.network_id:
        return False
    if can_edit_any(membership):
        return True
    return (
        may_edit_own_organisation(membership)
        and membership.organisation_id == provider.organisation_id
    )


def get_offer(network, offer_uuid) -> Offer:
    return get_object_or_404(
        Offer.objects.select_related("provider__organisation"), network=network, uuid=offer_uuid
    )


def can_publish_hsds(membership) -> bool:
    """Publishing the social map as an open HSDS API is the network's own decision: whoever
    may edit the network's profile (the kartrekker)."""
    return (
        membership is not None
        and membership.ended_at is None
        and membership.can(roles.EDIT_NETWORK)
    )


def may_read_hsds(social_map_settings) -> bool:
    """Anybody, without logging in, may read the HSDS API of an active network that chose to
    publish its social map; for any other network it does not exist (404)."""
    return (
        social_map_settings is not None
        and social_map_settings.hsds_published
        and social_map_settings.network.status == NetworkStatus.ACTIVE
    )
