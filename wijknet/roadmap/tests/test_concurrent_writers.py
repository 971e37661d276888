"""16 people record progress on the same step at once: one lands, none is lost — also the
first record, when no row exists yet."""

import pytest
from django_scopes import scope

from wijknet.roadmap import services
from wijknet.roadmap.models import Step, StepProgress
from wijknet.testing.concurrency import EDITORS, stale_editors

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
