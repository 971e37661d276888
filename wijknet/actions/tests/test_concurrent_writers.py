"""16 people save the same goal or action at once: one lands, 15 are refused, none is lost."""

import pytest
from django.db import connections
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import (
    EDITORS,
    one_edit_lands,
    postgres_only,
    racing_threads,
    stale_editors,
)
from wijknet.actions import services
from wijknet.actions.models import Action, Goal

from .helpers import make_action, make_goal

pytestmark = pytest.mark.django_db


def test_goal_edit(network, coordinator):
    goal = make_goal(network)
    stored = one_edit_lands(
        network,
        Goal,
        goal.pk,
        lambda copy, title: services.goal_update(
            acting_user=coordinator, goal=copy, expected_version=copy.version, title=title
        ),
        field="title",
        value=lambda n: f"Doel {n}",
    )
    assert stored.version == 2


def test_goal_review(network, coordinator):
    goal = make_goal(network)
    statuses = ["open", "achieved", "dropped", "open"]
    with scope(network=network):
        outcomes = stale_editors(
            load=lambda: Goal.objects.get(pk=goal.pk),
            save=lambda copy, n: services.goal_review(
                acting_user=coordinator,
                goal=copy,
                status=statuses[n % 4],
                expected_version=copy.version,
            ),
        )
        stored = Goal.objects.get(pk=goal.pk)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.status == statuses[outcomes.landed[0] % 4]


def test_action_edit(network, coordinator):
    action = make_action(network)
    one_edit_lands(
        network,
        Action,
        action.pk,
        lambda copy, title: services.action_update(
            acting_user=coordinator, action=copy, expected_version=copy.version, title=title
        ),
        field="title",
        value=lambda n: f"Actie {n}",
    )


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_goal_edit_with_sixteen_real_threads(network, coordinator):
    """The same on PostgreSQL with real concurrent transactions (READ COMMITTED)."""
    with scopes_disabled():
        goal = make_goal(network)
        version = goal.version

    def save(n):
        with scope(network=network):
            services.goal_update(
                acting_user=coordinator,
                goal=Goal.objects.get(pk=goal.pk),  # each loads the row itself …
                expected_version=version,  # … but from the form of version 1
                title=f"Doel {n}",
            )

    outcomes = racing_threads(save, list(range(EDITORS)))
    connections.close_all()
    with scopes_disabled():
        stored = Goal.objects.get(pk=goal.pk)
    assert outcomes.counts == (1, EDITORS - 1, 0), outcomes.errors
    assert stored.title == f"Doel {outcomes.landed[0]}" and stored.version == 2
