"""Single referrals: only the referrer, the receiving organisation's members and the network's
coordinators see one; for everyone else (and for another network's referral) it is a 404."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import services
from .models import Referral


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
    if not services.can_see(membership, referral):
        raise Http404
    return ReferralAccess(
        referral=referral,
        is_referrer=services.is_referrer(membership, referral),
        is_receiver=services.is_receiver(membership, referral),
    )
