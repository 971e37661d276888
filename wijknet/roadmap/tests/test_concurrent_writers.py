"""16 people record progress on the same step at once: one lands, none is lost — also the
first record, when no row exists yet."""

import pytest
from django.db import connections
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import EDITORS, postgres_only, racing_threads, stale_editors
from wijknet.roadmap import services
from wijknet.roadmap.content import load_roadmap
from wijknet.roadmap.models import Step, StepProgress

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("recorded_before", [False, True])
def test_step_progress(network, coordinator, roadmap, recorded_before):
    step = Step.objects.order_by("pk").first()

    def save(version, n):
        services.step_progress_update(
            acting_user=coordinator,
            network=network,
            step=step,
            status="in_progress" if n % 2 else "done",
            note=f"Notitie {n}",
            expected_version=version,
        )

    with scope(network=network):
        if recorded_before:
            save(None, 99)
        row = StepProgress.objects.filter(network=network, step=step).first()
        start = row.version if row else None
        outcomes = stale_editors(load=lambda: start, save=save)
        stored = StepProgress.objects.get(network=network, step=step)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.note == f"Notitie {outcomes.landed[0]}"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_first_progress_with_sixteen_real_threads(network, coordinator):
    """No row yet: 16 transactions insert at once; the unique constraint lets one in and the
    others get the stale-save message, not a server error."""
    load_roadmap()
    with scopes_disabled():
        step = Step.objects.order_by("pk").first()

    def save(n):
        with scope(network=network):
            services.step_progress_update(
                acting_user=coordinator,
                network=network,
                step=step,
                status="done",
                note=f"Notitie {n}",
                expected_version=0,
            )

    outcomes = racing_threads(save, list(range(EDITORS)))
    connections.close_all()
    with scopes_disabled():
        stored = StepProgress.objects.get(network=network, step=step)
    assert outcomes.counts == (1, EDITORS - 1, 0), outcomes.errors[:1]
    assert stored.note == f"Notitie {outcomes.landed[0]}"
