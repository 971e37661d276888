"""Single objects of the active network. "Missing" and "not yours" are the same 404.

Each helper filters on the network explicitly *and* runs under the active scope, so an object
of another network can never be returned, even if a caller forgets one of the two.
"""

from django.shortcuts import get_object_or_404

from .models import Invitation, Membership, Partner


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
