"""16 people save the same funding source or agreement at once: one lands, none is lost."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scope

from tests.support.concurrency import EDITORS, one_edit_lands, stale_editors
from wijknet.agreements import services
from wijknet.agreements.models import Agreement, FundingSource

pytestmark = pytest.mark.django_db


def test_funding_edit(network, coordinator):
    with scope(network=network):
        source = services.funding_create(
            acting_user=coordinator,
            network=network,
            name="Sportakkoord",
            kind="subsidie",
            amount=Decimal("1000"),
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )
    stored = one_edit_lands(
        network,
        FundingSource,
        source.pk,
        lambda copy, amount: services.funding_update(
            acting_user=coordinator, source=copy, expected_version=copy.version, amount=amount
        ),
        field="amount",
        value=lambda n: Decimal(1000 + n),
    )
    assert stored.version == 2


def test_agreement_new_version(network, coordinator):
    def save(based_on, n):
        services.agreement_new_version(
            acting_user=coordinator,
            network=network,
            purpose=f"Doel {n}",
            out_of_scope="",
            terms=[],
            expected_version=based_on,
        )

    with scope(network=network):
        outcomes = stale_editors(load=lambda: 0, save=save)
        stored = list(Agreement.objects.values_list("version", "purpose"))
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored == [(1, f"Doel {outcomes.landed[0]}")]
