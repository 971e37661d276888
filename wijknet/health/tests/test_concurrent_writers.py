"""16 coordinators save the thresholds at once: one lands, none is lost — also the very first
save, when no row exists yet."""

import pytest
from django.db import connections
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import EDITORS, postgres_only, racing_threads, stale_editors
from wijknet.health import monitor, services
from wijknet.health.models import HealthSettings

pytestmark = pytest.mark.django_db


def save(network, user):
    def write(version, n):
        services.health_settings_update(
            acting_user=user,
            network=network,
            overrides={"no_meeting_days": 100 + n},
            expected_version=version,
        )

    return write


@pytest.mark.parametrize("saved_before", [False, True])
def test_thresholds(network, coordinator, saved_before):
    if saved_before:
        with scope(network=network):
            save(network, coordinator)(0, 50)
    start = monitor.settings_version(network)
    assert start == (1 if saved_before else 0)
    with scope(network=network):
        outcomes = stale_editors(load=lambda: start, save=save(network, coordinator))
        stored = HealthSettings.objects.get()
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.overrides == {"no_meeting_days": 100 + outcomes.landed[0]}
    assert stored.version == start + 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_first_save_with_sixteen_real_threads(network, coordinator):
    def write(n):
        with scope(network=network):
            save(network, coordinator)(0, n)

    outcomes = racing_threads(write, list(range(EDITORS)))
    connections.close_all()
    with scopes_disabled():
        stored = HealthSettings.objects.get(network=network)
    assert outcomes.counts == (1, EDITORS - 1, 0), outcomes.errors[:1]
    assert stored.overrides == {"no_meeting_days": 100 + outcomes.landed[0]}
