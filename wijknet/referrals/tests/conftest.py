"""A small referral world in the network Gezond Oost: a GP practice that refers, a sports
provider with an offer, a welfare organisation, each with a member of their own."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, OrganisationFactory, PartnerFactory
from tests.support.otp import login_verified
from wijknet.networks.models import Membership
from wijknet.offers.models import Offer
from wijknet.referrals import services
from wijknet.referrals.models import Referral, ReferralEvent


@dataclass
class World:
    network: object
    gp: object  # user at the GP practice (partner role)
    coach: object  # user at the sports provider
    welzijn: object  # user at the welfare organisation
    gp_partner: object
    sport_partner: object
    welzijn_partner: object
    offer: object


def _member(network, organisation, email, role="partner"):
    return MembershipFactory(
        network=network,
        role=role,
        organisation=organisation,
        user__email=email,
        user__full_name=email.split("@")[0].title(),
    ).user


@pytest.fixture
def world(network):
    gp_partner = PartnerFactory(
        network=network,
        organisation=OrganisationFactory(
            network=network, name="Huisartsenpraktijk Oosterpark", sector="huisartsenzorg"
        ),
    )
    sport_partner = PartnerFactory(
        network=network,
        organisation=OrganisationFactory(
            network=network, name="Sportvereniging OVV", sector="sport"
        ),
    )
    welzijn_partner = PartnerFactory(
        network=network,
        organisation=OrganisationFactory(network=network, name="Welzijn Oost", sector="welzijn"),
    )
    with scopes_disabled():
        offer = Offer.objects.create(
            network=network, provider=sport_partner, title="Wandelvoetbal 60+", kind="sport"
        )
    return World(
        network=network,
        gp=_member(network, gp_partner.organisation, "huisarts@example.org"),
        coach=_member(network, sport_partner.organisation, "coach@example.org"),
        welzijn=_member(network, welzijn_partner.organisation, "welzijn@example.org"),
        gp_partner=gp_partner,
        sport_partner=sport_partner,
        welzijn_partner=welzijn_partner,
        offer=offer,
    )


def verified(client, user):
    """Log `user` in with a session that passed the second factor (needed for every referral
    page with personal data); returns the client. Plain `client.force_login` stays unverified:
    the funnel accepts that, the other pages send it to the two-factor page."""
    login_verified(client, user)
    return client


def membership_of(network, user):
    with scopes_disabled():
        return Membership.objects.select_related("organisation").get(
            network=network, user=user, ended_at__isnull=True
        )


def refer(world, user=None, *, offer=None, partner=None, **fields):
    """A referral through the service (by default: the GP to the sports offer)."""
    user = user or world.gp
    values = {
        "resident_name": "Mevrouw J.",
        "resident_contact": "06-12345678",
        "resident_birth_year": 1956,
        "consent_given": True,
        "reason": "Diabetes type 2, wil meer bewegen",
        "goals": "Twee keer per week bewegen",
        **fields,
    }
    if partner is None and offer is None:
        offer = world.offer
    with scope(network=world.network):
        return services.referral_create(
            acting_user=user,
            membership=membership_of(world.network, user),
            network=world.network,
            offer=offer,
            receiving_partner=partner,
            **values,
        )


def move(world, referral, status, *, user=None, at=None, **fields):
    user = user or world.coach
    with scope(network=world.network):
        referral = Referral.objects.select_related(
            "receiving_partner__organisation", "offer", "network", "referrer"
        ).get(pk=referral.pk)
        return services.referral_update_status(
            acting_user=user,
            membership=membership_of(world.network, user),
            referral=referral,
            status=status,
            expected_version=referral.version,
            at=at,
            **fields,
        )


def backdate(referral, days: int):
    """Move a fresh referral (and its first event) `days` back in time."""
    moment = timezone.now() - timedelta(days=days)
    with scopes_disabled():
        Referral.objects.filter(pk=referral.pk).update(created_at=moment)
        ReferralEvent.objects.filter(referral=referral).update(at=moment)
    return moment
