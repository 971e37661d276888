"""Single objects of the active network. "Missing" and "not yours" are the same 404.

Each helper filters on the network explicitly *and* runs under the active scope, so an object
of another network can never be returned, even if a caller forgets one of the two.
"""

from django.shortcuts import get_object_or_404

from . import roles
from .models import Invitation, Membership, Partner


def is_current(membership) -> bool:
    """A membership that has not ended: the ground of every network permission."""
    return membership is not None and membership.ended_at is None


def current_membership_of(network, user) -> Membership | None:
    """The user's current membership of the network (None for anonymous users and outsiders)."""
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(network=network, user=user, ended_at__isnull=True).first()


def is_coordinator(membership) -> bool:
    """A current kartrekker / network coordinator of their network."""
    return is_current(membership) and membership.role == roles.Role.COORDINATOR


def get_partner(network, partner_uuid) -> Partner:
    return get_object_or_404(
        Partner.objects.select_related("organisation"), network=network, uuid=partner_uuid
    )


def get_membership(network, membership_uuid) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        network=network,
        uuid=membership_uuid,
        ended_at__isnull=True,
    )


def get_invitation(network, invitation_uuid) -> Invitation:
    return get_object_or_404(Invitation, network=network, uuid=invitation_uuid)
