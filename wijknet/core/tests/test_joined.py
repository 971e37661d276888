"""The per-request lookups written as one query (core/joined.py) give the ORM's own objects:
every field equal and of the same type, relations loaded, on SQLite and on PostgreSQL."""

import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.factories import OrganisationFactory
from wijknet.accesslog.models import AccessLogRecord, Action
from wijknet.api import queries as api_queries
from wijknet.api import services as api_services
from wijknet.core import joined
from wijknet.networks.models import Membership
from wijknet.networks.queries import current_membership
from wijknet.networks.roles import Role

pytestmark = pytest.mark.django_db


def assert_same(loaded, expected):
    assert type(loaded) is type(expected)
    assert loaded._state.adding is False
    assert loaded._state.db == expected._state.db
    for field in type(expected)._meta.concrete_fields:
        got, want = getattr(loaded, field.attname), getattr(expected, field.attname)
        assert got == want, field.name
        assert type(got) is type(want), field.name


def orm_membership(user, slug):
    with scopes_disabled():
        return (
            Membership.objects.select_related("network", "organisation")
            .filter(user=user, network__slug=slug, ended_at__isnull=True)
            .order_by("pk")
            .first()
        )


def test_membership_with_organisation_is_the_orms(network, coordinator):
    with scopes_disabled():
        membership = Membership.objects.get(user=coordinator, network=network)
        membership.organisation = OrganisationFactory(network=network, name="Huisartsen Oost")
        membership.is_privacy_officer = True
        membership.save()
    network.start_date = timezone.localdate()
    network.save()
    expected = orm_membership(coordinator, network.slug)
    with CaptureQueriesContext(connection) as queries:
        loaded = current_membership(coordinator, network.slug)
        assert_same(loaded, expected)
        assert_same(loaded.network, expected.network)
        assert_same(loaded.organisation, expected.organisation)
    assert len(queries.captured_queries) == 1
    assert loaded.organisation.name == "Huisartsen Oost"
    assert loaded.can is not None and loaded.role == Role.COORDINATOR


def test_membership_without_organisation(network, coordinator):
    expected = orm_membership(coordinator, network.slug)
    assert expected.organisation is None
    with CaptureQueriesContext(connection) as queries:
        loaded = current_membership(coordinator, network.slug)
        assert loaded.organisation is None
        assert_same(loaded.network, expected.network)
    assert len(queries.captured_queries) == 1
    assert_same(loaded, expected)


def test_no_membership_when_ended_or_in_another_network(network, other_network, coordinator):
    assert current_membership(coordinator, other_network.slug) is None
    assert current_membership(coordinator, "bestaat-niet") is None
    with scopes_disabled():
        Membership.objects.filter(user=coordinator).update(ended_at=timezone.now())
    assert current_membership(coordinator, network.slug) is None


def test_a_loaded_membership_saves_like_one_from_the_orm(network, coordinator):
    loaded = current_membership(coordinator, network.slug)
    loaded.role = Role.PARTNER
    loaded.save(update_fields=["role"])
    with scopes_disabled():
        assert Membership.objects.get(pk=loaded.pk).role == Role.PARTNER


def test_token_is_the_orms_with_its_user_and_network(network, coordinator):
    token, secret = api_services.token_create(acting_user=coordinator, network=network, name="BI")
    with scopes_disabled():
        expected = type(token).objects.select_related("user", "network").get(pk=token.pk)
    token_hash = api_services.hash_token(secret)
    with CaptureQueriesContext(connection) as queries:
        loaded = api_queries.token_by_hash(token_hash)
        assert_same(loaded, expected)
        assert_same(loaded.user, expected.user)
        assert_same(loaded.network, expected.network)
    assert len(queries.captured_queries) == 1
    assert api_queries.token_by_hash(api_services.hash_token("wn_onbekend")) is None


# --- one row by primary key, and one insert -------------------------------------------------


def test_get_gives_the_orms_user_and_device(coordinator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    User = type(coordinator)
    for model, pk in ((User, coordinator.pk), (TOTPDevice, device.pk)):
        expected = model.objects.get(pk=pk)
        with CaptureQueriesContext(connection) as queries:
            assert_same(joined.get(model, pk), expected)
            # The session keeps the user's id as text: converted as the ORM would.
            assert_same(joined.get(model, str(pk)), expected)
        assert len(queries.captured_queries) == 2


def test_get_finds_nothing_for_a_missing_or_malformed_key(coordinator):
    User = type(coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert joined.get(User, "geen-getal") is None
        assert joined.get(User, None) is None
    assert queries.captured_queries == []  # refused before asking the database
    assert joined.get(User, coordinator.pk + 1000) is None


def _record(network, user, **fields):
    return AccessLogRecord(
        network=network,
        user=user,
        user_name="Coby Coördinator",
        client_uuid=uuid.uuid4(),
        action=Action.SEARCH,
        category="identity",
        ip_address="2001:db8::1",
        detail="clientenlijst: 3",
        **fields,
    )


def test_insert_saves_what_the_orm_reads_back(network, coordinator):
    record = _record(network, coordinator)
    with CaptureQueriesContext(connection) as queries:
        saved = joined.insert(record)
    assert len(queries.captured_queries) == 1
    assert saved is record and record.pk is not None
    assert record._state.adding is False and record._state.db == "default"
    with scopes_disabled():
        expected = AccessLogRecord.objects.get(pk=record.pk)
    for field in AccessLogRecord._meta.concrete_fields:
        # Equal, not of the same type: like save(), the object keeps what was set (an enum).
        assert getattr(record, field.attname) == getattr(expected, field.attname), field.name
    with pytest.raises(ValueError):
        joined.insert(record)  # already saved


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_an_unflushed_insert_commits_alone_and_leaves_the_setting(network, coordinator):
    postgres = connection.vendor == "postgresql"
    with CaptureQueriesContext(connection) as queries:
        record = joined.insert(_record(network, coordinator), flush=False)
    # As logged: a prepared statement is logged as its SQL's repr, quotes escaped.
    assert ("synchronous_commit" in queries[0]["sql"]) is postgres
    with scopes_disabled():
        assert AccessLogRecord.objects.get(pk=record.pk).detail == "clientenlijst: 3"
    if postgres:
        # The setting lasted only for that statement's own transaction.
        assert _synchronous_commit() == "on"


@pytest.mark.django_db(transaction=True)
def test_an_unflushed_insert_in_a_transaction_waits_like_the_rest(network, coordinator):
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        joined.insert(_record(network, coordinator), flush=False)
    assert "set_config" not in queries[0]["sql"]


def test_the_membership_brings_the_page_caches_version_along(network, coordinator):
    from wijknet.core import audit, pagecache

    with CaptureQueriesContext(connection) as queries:
        loaded = current_membership(coordinator, network.slug, page_version=True)
    assert len(queries.captured_queries) == 1
    assert_same(loaded, orm_membership(coordinator, network.slug))
    assert loaded.page_version == pagecache.data_version(network, coordinator)
    assert not hasattr(current_membership(coordinator, network.slug), "page_version")
    # A change in the network is a new version.
    with transaction.atomic():
        audit.record(actor=coordinator, action="test.changed", summary="x", network=network)
    again = current_membership(coordinator, network.slug, page_version=True)
    assert again.page_version != loaded.page_version
    assert again.page_version == pagecache.data_version(network, coordinator)


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_on_postgresql_the_hot_queries_are_prepared_and_the_orms_are_not(
    network, coordinator, settings
):
    settings.PREPARE_HOT_QUERIES = True
    for _ in range(2):
        loaded = current_membership(coordinator, network.slug)
        assert_same(loaded, orm_membership(coordinator, network.slug))
    prepared = _prepared_statements()
    assert any("networks_membership" in sql and "LIMIT 1" in sql for sql in prepared), prepared
    # The ORM's cursors bind on the client and never prepare, however often they run.
    for _ in range(8):
        orm_membership(coordinator, network.slug)
    assert len(_prepared_statements()) == len(prepared)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_preparing_can_be_switched_off_for_a_pooler(network, coordinator, settings):
    settings.PREPARE_HOT_QUERIES = False
    before = _prepared_statements()
    current_membership(coordinator, network.slug, page_version=True)
    joined.get(type(coordinator), coordinator.pk)
    assert _prepared_statements() == before


def test_a_users_memberships_are_the_orms_in_the_orms_order(network, coordinator):
    from tests.factories import MembershipFactory, NetworkFactory
    from wijknet.networks.queries import memberships_of_user

    with scopes_disabled():
        for name, status in [("Zuid", "active"), ("Alfa", "archived"), ("Beta", "active")]:
            MembershipFactory(user=coordinator, network=NetworkFactory(name=name, status=status))
        MembershipFactory(user=coordinator, ended_at=timezone.now())  # ended: not listed
        expected = list(
            Membership.objects.select_related("network")
            .filter(user=coordinator, ended_at__isnull=True)
            .order_by("network__status", "network__name", "pk")
        )
    with CaptureQueriesContext(connection) as queries:
        loaded = memberships_of_user(coordinator)
        assert [m.pk for m in loaded] == [m.pk for m in expected]
        for got, want in zip(loaded, expected, strict=True):
            assert_same(got, want)
            assert_same(got.network, want.network)
    assert len(queries.captured_queries) == 1
    assert len(loaded) == 4
