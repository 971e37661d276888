"""16 people save the same offer at once: one lands, none is lost."""

import pytest
from django_scopes import scopes_disabled

from tests.support.concurrency import one_edit_lands
from wijknet.networks.models import Membership
from wijknet.offers import services
from wijknet.offers.models import Offer

from .helpers import make_offer

pytestmark = pytest.mark.django_db


def test_offer(network, coordinator):
    offer = make_offer(network)
    with scopes_disabled():
        membership = Membership.objects.get(network=network, user=coordinator)
    one_edit_lands(
        network,
        Offer,
        offer.pk,
        lambda copy, title: services.offer_update(
            acting_user=coordinator,
            membership=membership,
            offer=copy,
            expected_version=copy.version,
            title=title,
        ),
        field="title",
        value=lambda n: f"Aanbod {n}",
        select_related=("provider",),
    )
