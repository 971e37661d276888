"""Who may see and do what with a referral: the ONE place where that is decided.

Only the referrer, the receiving organisation's members and the network's coordinators see a
referral; for everyone else (and for another network's referral) it is a 404. Personal details
are for referrer and receiver only.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from wijknet.networks import roles
from wijknet.networks.access import is_coordinator

from .models import Referral


def is_referrer(membership, referral: Referral) -> bool:
    """Whoever referred the resident."""
    return membership is not None and referral.referrer_id == membership.user_id


def is_receiver(membership, referral: Referral) -> bool:
    """A current member working at the receiving partner's organisation, with make_referrals."""
    return (
        membership is not None
        and membership.ended_at is None
        and membership.network_id == referral.network_id
        and membership.organisation_id is not None
        and membership.organisation_id == referral.receiving_partner.organisation_id
        and membership.can(roles.MAKE_REFERRALS)
    )


def can_see(membership, referral: Referral) -> bool:
    """The referrer, the receiver, or a coordinator of the network."""
    return (
        is_referrer(membership, referral)
        or is_receiver(membership, referral)
        or is_coordinator(membership)
    )


def can_see_details(membership, referral: Referral) -> bool:
    """Personal details (name, contact, birth year, reason, goals): referrer and receiver only;
    a coordinator sees the referral without them."""
    return is_referrer(membership, referral) or is_receiver(membership, referral)


def may_erase(membership, referral: Referral) -> bool:
    """Erasure on the resident's request by a party to the referral: the referrer (who
    recorded the data) or the receiving organisation (who holds them now)."""
    return can_see_details(membership, referral)


def may_see_all(membership) -> bool:
    """The "alle" tab: every referral of the network (without details): coordinators."""
    return is_coordinator(membership)


def visible_q(membership) -> Q:
    """Referrals this membership may see at all, as a filter (the same rule as can_see)."""
    if is_coordinator(membership):
        return Q()
    q = Q(referrer_id=membership.user_id)
    if membership.organisation_id is not None:
        q |= Q(receiving_partner__organisation_id=membership.organisation_id)
    return q


@dataclass(frozen=True)
class ReferralAccess:
    referral: Referral
    is_referrer: bool
    is_receiver: bool

    @property
    def details_visible(self) -> bool:
        """Name, contact, birth year, reason and goals: for referrer and receiver only."""
        return self.is_referrer or self.is_receiver

    @property
    def can_update(self) -> bool:
        return self.is_receiver and not self.referral.is_closed


def get_referral(network, membership, referral_uuid) -> ReferralAccess:
    referral = get_object_or_404(
        Referral.objects.select_related(
            "offer",
            "receiving_partner__organisation",
            "referrer",
            "referrer_organisation",
            "consent_recorded_by",
            "network",
        ),
        network=network,
        uuid=referral_uuid,
    )
    if not can_see(membership, referral):
        raise Http404
    return ReferralAccess(
        referral=referral,
        is_referrer=is_referrer(membership, referral),
        is_receiver=is_receiver(membership, referral),
    )
