from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.factories import MembershipFactory, PartnerFactory
from wijknet.networks.roles import Role
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification
from wijknet.offers.jobs import request_confirmations
from wijknet.offers.models import Offer

pytestmark = pytest.mark.django_db


def make_offer(network, provider, confirmed_days_ago=None, **extra):
    now = timezone.now()
    return Offer.objects.create(
        network=network,
        provider=provider,
        title=extra.pop("title", "Wandelgroep"),
        kind="bewegen",
        last_confirmed_at=None
        if confirmed_days_ago is None
        else now - timedelta(days=confirmed_days_ago),
        **extra,
    )


def notifications(user):
    with scopes_disabled():
        return list(Notification.objects.filter(recipient=user, kind=kinds.OFFER_CONFIRMATION))


def test_asks_the_provider_of_a_stale_offer_once_per_period(network, coordinator):
    provider = PartnerFactory(network=network)
    member = MembershipFactory(
        network=network, role=Role.PARTNER, organisation=provider.organisation
    ).user
    stale = make_offer(network, provider, confirmed_days_ago=200, title="Oud aanbod")
    make_offer(network, provider, confirmed_days_ago=10, title="Vers aanbod")

    now = timezone.now()
    assert request_confirmations(now) == 1
    [notification] = notifications(member)
    assert "Oud aanbod" in notification.body and "Vers aanbod" not in notification.body
    assert str(stale.uuid) in notification.url
    assert notifications(coordinator) == []  # the provider has its own member

    # Running again (the next tick, or next week) asks nothing new ...
    assert request_confirmations(now + timedelta(days=7)) == 0
    # ... until the reminder period has passed.
    assert request_confirmations(now + timedelta(days=31)) == 1
    assert len(notifications(member)) == 2


def test_a_provider_without_members_makes_the_coordinators_ask(network, coordinator):
    provider = PartnerFactory(network=network)
    make_offer(network, provider)  # never confirmed
    assert request_confirmations(timezone.now()) == 1
    assert len(notifications(coordinator)) == 1


def test_ended_offers_and_other_networks_stay_out(network, other_network, coordinator):
    provider = PartnerFactory(network=network)
    today = timezone.localdate()
    make_offer(network, provider, active_to=today - timedelta(days=1))
    assert request_confirmations(timezone.now()) == 0
    theirs = PartnerFactory(network=other_network)
    make_offer(other_network, theirs)
    assert request_confirmations(timezone.now()) == 1
    assert notifications(coordinator) == []
