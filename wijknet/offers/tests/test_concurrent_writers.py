"""16 people save the same offer at once: one lands, none is lost."""

import pytest
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import EDITORS, stale_editors
from wijknet.networks.models import Membership
from wijknet.offers import services
from wijknet.offers.models import Offer

from .helpers import make_offer

pytestmark = pytest.mark.django_db


def test_offer(network, coordinator):
    offer = make_offer(network)
    with scopes_disabled():
        membership = Membership.objects.get(network=network, user=coordinator)
    with scope(network=network):
        outcomes = stale_editors(
            load=lambda: Offer.objects.select_related("provider").get(pk=offer.pk),
            save=lambda copy, n: services.offer_update(
                acting_user=coordinator,
                membership=membership,
                offer=copy,
                expected_version=copy.version,
                title=f"Aanbod {n}",
            ),
        )
        stored = Offer.objects.get(pk=offer.pk)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.title == f"Aanbod {outcomes.landed[0]}"
