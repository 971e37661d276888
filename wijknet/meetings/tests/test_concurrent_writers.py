"""16 people save the same meeting or reflection at once: one lands, none is lost."""

import pytest
from django_scopes import scope

from tests.support.concurrency import EDITORS, one_edit_lands, stale_editors
from wijknet.meetings import services
from wijknet.meetings.models import Meeting, Reflection

from .helpers import make_meeting

pytestmark = pytest.mark.django_db


def test_meeting_edit(network, coordinator):
    meeting = make_meeting(network)
    one_edit_lands(
        network,
        Meeting,
        meeting.pk,
        lambda copy, title: services.meeting_update(
            acting_user=coordinator, meeting=copy, expected_version=copy.version, title=title
        ),
        field="title",
        value=lambda n: f"Bijeenkomst {n}",
    )


@pytest.mark.parametrize("saved_before", [False, True])
def test_reflection(network, coordinator, saved_before):
    meeting = make_meeting(network)

    def save(version, n):
        services.reflection_save(
            acting_user=coordinator,
            meeting=meeting,
            collaboration=1 + n % 5,
            engagement=3,
            goal_progress=3,
            remark=f"Opmerking {n}",
            expected_version=version,
        )

    with scope(network=network):
        if saved_before:
            save(0, 99)
        start = Reflection.objects.filter(meeting=meeting).values_list("version", flat=True)
        start = start.first() or 0
        outcomes = stale_editors(load=lambda: start, save=save)
        stored = Reflection.objects.get(meeting=meeting)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.remark == f"Opmerking {outcomes.landed[0]}" and stored.version == start + 1
