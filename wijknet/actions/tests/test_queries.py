from datetime import timedelta

import pytest
from django_scopes import scope

from tests.factories import MembershipFactory
from wijknet.actions import queries
from wijknet.actions.models import Action

from .helpers import days, make_action, make_goal, make_meeting, make_success, moment, today

pytestmark = pytest.mark.django_db


def test_overdue_actions_are_open_or_running_and_past_their_date(network, other_network):
    late = make_action(network, title="Te laat", due_on=days(-1))
    make_action(network, title="Bezig en te laat", due_on=days(-9), status="in_progress")
    make_action(network, title="Vandaag", due_on=today())
    make_action(network, title="Gedaan", due_on=days(-5), status="done")
    make_action(network, title="Vervallen", due_on=days(-5), status="dropped")
    make_action(network, title="Geen datum")
    make_action(other_network, title="Elders te laat", due_on=days(-3))
    with scope(network=network):
        overdue = list(queries.overdue_actions(network).order_by("due_on"))
    assert [a.title for a in overdue] == ["Bezig en te laat", "Te laat"]
    assert queries.is_overdue(late) and not queries.is_overdue(late, today=days(-2))


def test_goals_come_with_their_actions(network, django_assert_num_queries):
    for i in range(3):
        goal = make_goal(network, title=f"Doel {i}")
        make_action(network, goal=goal)
        make_action(network, goal=goal)
    make_action(network, title="Los")
    with scope(network=network), django_assert_num_queries(2):
        goals = list(queries.goals_with_actions(network))
        assert [len(g.actions.all()) for g in goals] == [2, 2, 2]
    with scope(network=network):
        assert [a.title for a in queries.actions_without_goal(network)] == ["Los"]


def test_owner_counts_open_and_recent_actions_per_person(network, members, other_network):
    alice, bob = members["coordinator"], members["core"]
    make_action(network, owner=alice)
    make_action(network, owner=alice, status="in_progress")
    make_action(network, owner=alice, status="done")  # recent, not open
    old_done = make_action(network, owner=bob, status="done")
    make_action(network, owner=bob)
    make_action(network)  # nobody's
    make_action(other_network, owner=alice)
    with scope(network=network):
        Action.objects.filter(pk=old_done.pk).update(created_at=moment(-400))
        counts = queries.owner_counts(network)
    assert [(c.user_id, c.name, c.open, c.recent, c.total) for c in counts] == [
        (alice.pk, "Coordinator Persoon", 2, 3, 3),
        (bob.pk, "Core Persoon", 1, 1, 1),
    ]


def test_owner_counts_falls_back_to_the_email(network):
    nameless = MembershipFactory(network=network, user__full_name="").user
    make_action(network, owner=nameless)
    with scope(network=network):
        assert queries.owner_counts(network)[0].name == nameless.email


def test_last_success_date(network, other_network):
    with scope(network=network):
        assert queries.last_success_date(network) is None
    make_success(network, happened_on=days(-40))
    make_success(network, happened_on=days(-10))
    make_success(other_network, happened_on=today())
    with scope(network=network):
        assert queries.last_success_date(network) == days(-10)


def test_digest_since_the_last_one_or_thirty_days(network, coordinator):
    make_action(network, title="Net af", status="done", completed_on=days(-3))
    make_action(network, title="Lang geleden", status="done", completed_on=days(-31))
    with scope(network=network):
        digest = queries.digest(network)
    assert digest.since == today() - timedelta(days=30)
    assert [a.title for a in digest.done_actions] == ["Net af"]
    assert digest.successes == [] and not digest.is_empty


def test_upcoming_meetings_alone_are_no_news(network):
    make_meeting(network, starts_in_days=3)
    with scope(network=network):
        digest = queries.digest(network)
    assert len(digest.meetings) == 1 and digest.is_empty


def test_running_work_comes_first(network):
    goal_done = make_goal(network, title="A behaald", status="achieved")
    goal_open = make_goal(network, title="B loopt", target_date=days(30))
    goal_open_undated = make_goal(network, title="C loopt zonder datum")
    make_action(network, title="gedaan", status="done", due_on=days(-9))
    make_action(network, title="later", due_on=days(20))
    make_action(network, title="zonder datum")
    make_action(network, title="eerst", due_on=days(2))
    make_action(network, title="bezig", status="in_progress", due_on=days(50))
    with scope(network=network):
        goals = list(queries.goals_with_actions(network))
        actions = [a.title for a in queries.actions_without_goal(network)]
    assert goals == [goal_open, goal_open_undated, goal_done]
    assert actions == ["bezig", "eerst", "later", "zonder datum", "gedaan"]
