"""This app's models are network-owned: unreadable outside a scope, one network per scope."""

import pytest
from django_scopes import ScopeError, scope

from wijknet.actions import queries
from wijknet.actions.models import Action, Goal, Success

from .helpers import make_action, make_goal, make_success


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Goal, Action, Success], ids=lambda m: m.__name__)
def test_queries_outside_a_scope_raise(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.django_db
def test_a_scope_shows_only_its_own_network(network, other_network):
    make_goal(network, title="Ons doel")
    make_goal(other_network, title="Geheim doel")
    make_action(other_network, title="Geheime actie")
    make_success(other_network, title="Geheim succes")
    with scope(network=network):
        assert [g.title for g in queries.goals_with_actions(network)] == ["Ons doel"]
        assert list(queries.actions_without_goal(network)) == []
        assert list(queries.successes(network)) == []
