"""16 coordinators save the network profile or a partner at once: one lands, none is lost."""

import pytest

from tests.factories import PartnerFactory
from tests.support.concurrency import EDITORS, one_edit_lands, stale_editors
from wijknet.networks import services
from wijknet.networks.models import Network, Partner

pytestmark = pytest.mark.django_db


def test_network_profile(network, coordinator):
    outcomes = stale_editors(
        load=lambda: Network.objects.get(pk=network.pk),
        save=lambda copy, n: services.network_update(
            acting_user=coordinator, network=copy, expected_version=copy.version, name=f"Net {n}"
        ),
    )
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert Network.objects.get(pk=network.pk).name == f"Net {outcomes.landed[0]}"


def test_partner(network, coordinator):
    partner = PartnerFactory(network=network, hours_per_month=1)
    one_edit_lands(
        network,
        Partner,
        partner.pk,
        lambda copy, hours: services.partner_update(
            acting_user=coordinator,
            partner=copy,
            expected_version=copy.version,
            hours_per_month=hours,
        ),
        field="hours_per_month",
        value=lambda n: 10 + n,
        select_related=("organisation",),
    )
