"""The per-request lookups written as one query (core/joined.py) give the ORM's own objects:
every field equal and of the same type, relations loaded, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.factories import OrganisationFactory
from wijknet.api import queries as api_queries
from wijknet.api import services as api_services
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
