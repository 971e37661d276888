"""core.statements: an ORM query compiled once and run with each call's values must give what
the ORM gives, per network and day, and refuse builds that would freeze a value into the SQL."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from tests.factories import UserFactory
from wijknet.actions.models import Action, Goal
from wijknet.core.statements import Statement


def _due(network_id, owner_id, day, limit):
    return (
        Action.objects.filter(network_id=network_id, owner_id=owner_id, due_on__lte=day)
        .select_related("goal")
        .only("title", "due_on", "goal__title")
        .order_by("due_on", "pk")[:limit]
    )


def _add(network, owner, titles_and_days):
    goal = Goal.objects.create(network=network, title=f"Doel van {network.name}")
    for title, day in titles_and_days:
        Action.objects.create(network=network, title=title, owner=owner, due_on=day, goal=goal)


def _seen(actions):
    return [(a.pk, a.title, a.due_on, a.goal.title) for a in actions]


@pytest.fixture
def two_networks(network, other_network):
    owner = UserFactory()
    today = date(2026, 3, 10)
    with scopes_disabled():
        _add(network, owner, [("Eerste", today), ("Later", today + timedelta(days=5))])
        _add(other_network, owner, [("Elders", today - timedelta(days=1))])
    return network, other_network, owner, today


@pytest.mark.django_db
def test_rows_equal_the_orm_in_each_network_and_on_each_day(two_networks):
    """The first call compiles; later calls with another network (the scope's own filter
    included) and another day must not see the first call's values."""
    network, other, owner, today = two_networks
    statement = Statement(_due, network_id=int, owner_id=int, day=date)
    for net, day in [
        (network, today),
        (other, today),
        (network, today + timedelta(days=10)),
        (other, today - timedelta(days=5)),
    ]:
        with scope(network=net):
            expected = _seen(_due(net.pk, owner.pk, day, 5))
            got = _seen(statement(network_id=net.pk, owner_id=owner.pk, day=day, limit=5))
        assert got == expected
    with scope(network=network):
        assert [
            a.title
            for a in statement(
                network_id=network.pk, owner_id=owner.pk, day=today + timedelta(days=10), limit=5
            )
        ] == [
            "Eerste",
            "Later",
        ]


@pytest.mark.django_db
def test_each_shape_is_compiled_on_its_own(two_networks):
    network, _other, owner, today = two_networks
    statement = Statement(_due, network_id=int, owner_id=int, day=date)
    with scope(network=network):
        one = statement(
            network_id=network.pk, owner_id=owner.pk, day=today + timedelta(days=9), limit=1
        )
        two = statement(
            network_id=network.pk, owner_id=owner.pk, day=today + timedelta(days=9), limit=2
        )
    assert [a.title for a in one] == ["Eerste"]
    assert [a.title for a in two] == ["Eerste", "Later"]
    assert len(statement._compiled) == 2


@pytest.mark.django_db
def test_a_run_is_one_counted_query(two_networks, django_assert_num_queries):
    network, _other, owner, today = two_networks
    statement = Statement(_due, network_id=int, owner_id=int, day=date)
    with scope(network=network):
        statement(network_id=network.pk, owner_id=owner.pk, day=today, limit=5)
        with django_assert_num_queries(1):
            rows = statement(network_id=network.pk, owner_id=owner.pk, day=today, limit=5)
            assert rows[0].goal.title  # select_related: no query of its own
            assert rows[0].title


@pytest.mark.django_db
def test_moments_work_as_values(network):
    """An aware datetime reaches the SQL as the database wants it (text on SQLite)."""
    owner = UserFactory()
    with scopes_disabled():
        Action.objects.create(network=network, title="Nieuw", owner=owner)
    created = Action.objects.with_scopes_disabled().get().created_at

    def since(network_id, moment):
        return Action.objects.filter(network_id=network_id, created_at__gte=moment).order_by("pk")

    statement = Statement(since, network_id=int, moment=datetime)
    with scope(network=network):
        assert len(statement(network_id=network.pk, moment=created - timedelta(seconds=1))) == 1
        assert statement(network_id=network.pk, moment=created + timedelta(seconds=1)) == []


@pytest.mark.django_db
def test_the_network_scope_still_holds(two_networks):
    network, other, owner, today = two_networks
    statement = Statement(_due, network_id=int, owner_id=int, day=date)
    with pytest.raises(ScopeError):
        statement(network_id=network.pk, owner_id=owner.pk, day=today, limit=5)
    with scope(network=other), pytest.raises(ScopeError):
        statement(network_id=network.pk, owner_id=owner.pk, day=today, limit=5)
    with scopes_disabled():
        assert len(statement(network_id=network.pk, owner_id=owner.pk, day=today, limit=5)) == 1


@pytest.mark.django_db
def test_a_moment_computed_inside_the_build_is_refused(network):
    def frozen(network_id):
        return Action.objects.filter(network_id=network_id, due_on__lte=timezone.localdate())

    statement = Statement(frozen, network_id=int)
    with scope(network=network), pytest.raises(ImproperlyConfigured, match="frozen"):
        statement(network_id=network.pk)


@pytest.mark.django_db
def test_a_value_derived_inside_the_build_is_refused(network):
    def derived(network_id, day):
        return Action.objects.filter(network_id=network_id, due_on__lte=day + timedelta(days=1))

    statement = Statement(derived, network_id=int, day=date)
    with scope(network=network), pytest.raises(ImproperlyConfigured, match="neither"):
        statement(network_id=network.pk, day=date(2026, 1, 1))


@pytest.mark.django_db
def test_a_query_the_orm_knows_is_empty_runs_nothing(network, django_assert_num_queries):
    def nothing(network_id):
        return Action.objects.filter(network_id=network_id, pk__in=[])

    statement = Statement(nothing, network_id=int)
    with scope(network=network), django_assert_num_queries(0):
        assert statement(network_id=network.pk) == []


def test_declarations_are_checked():
    with pytest.raises(ImproperlyConfigured, match="int, date or datetime"):
        Statement(_due, network_id=int, owner_id=str)
    with pytest.raises(ImproperlyConfigured, match="network_id"):
        Statement(_due, owner_id=int)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL prepares statements"
)


def _prepared_on_actions():
    """The statements this connection has prepared that read the actions table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall() if "actions_action" in row[0]]


@postgresql_only
@pytest.mark.django_db
def test_on_postgresql_a_statement_is_prepared_once(two_networks, settings):
    settings.PREPARE_HOT_QUERIES = True
    network, other, owner, today = two_networks
    statement = Statement(_due, network_id=int, owner_id=int, day=date)
    for net in (network, other, network):
        with scope(network=net):
            statement(network_id=net.pk, owner_id=owner.pk, day=today, limit=5)
    assert len(_prepared_on_actions()) == 1


@postgresql_only
@pytest.mark.django_db
def test_preparing_statements_can_be_switched_off_for_a_pooler(two_networks, settings):
    settings.PREPARE_HOT_QUERIES = False
    network, _other, owner, today = two_networks
    statement = Statement(_due, network_id=int, owner_id=int, day=date)
    before = _prepared_on_actions()
    with scope(network=network):
        for _ in range(3):
            assert statement(network_id=network.pk, owner_id=owner.pk, day=today, limit=5)
    assert _prepared_on_actions() == before
