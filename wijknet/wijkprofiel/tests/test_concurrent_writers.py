"""16 kartrekkers save the network's chosen indicators at once: one lands, none is lost — also
the very first choice, when no row exists yet."""

import pytest
from django.db import connections
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import EDITORS, postgres_only, racing_threads, stale_editors
from wijknet.wijkprofiel import indicators, queries, services
from wijknet.wijkprofiel.models import ProfileChoice

pytestmark = pytest.mark.django_db

KEYS = [indicator.key for indicator in indicators.INDICATORS]


def save(network, user):
    def write(version, n):
        services.indicators_choose(
            acting_user=user,
            network=network,
            indicators=[KEYS[n % len(KEYS)]],
            expected_version=version,
        )

    return write


@pytest.mark.parametrize("saved_before", [False, True])
def test_chosen_indicators(network, coordinator, saved_before):
    with scope(network=network):
        if saved_before:
            save(network, coordinator)(0, 3)
        start = queries.chosen_indicators(network)[1]
        assert start == (1 if saved_before else 0)
        outcomes = stale_editors(load=lambda: start, save=save(network, coordinator))
        stored = ProfileChoice.objects.get()
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.indicators == [KEYS[outcomes.landed[0] % len(KEYS)]]
    assert stored.version == start + 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_first_choice_with_sixteen_real_threads(network, coordinator):
    def write(n):
        with scope(network=network):
            save(network, coordinator)(0, n)

    outcomes = racing_threads(write, list(range(EDITORS)))
    connections.close_all()
    with scopes_disabled():
        stored = ProfileChoice.objects.get(network=network)
    assert outcomes.counts == (1, EDITORS - 1, 0), outcomes.errors[:1]
    assert stored.indicators == [KEYS[outcomes.landed[0] % len(KEYS)]]
