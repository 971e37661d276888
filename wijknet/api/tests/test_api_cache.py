"""API lists in the page cache (api/rest.CachedListMixin): per token, under the network's data
version; authentication, membership and the rate limit are checked before the cache."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.api import rest, services
from wijknet.api.models import ApiToken
from wijknet.api.tests.test_api_resources import call, make_token
from wijknet.core import pagecache
from wijknet.networks import services as network_services
from wijknet.networks.models import Membership

PARTNERS = "/api/v1/partners/"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE = True
    cache.clear()
    caches[pagecache.ALIAS].clear()
    yield
    cache.clear()
    caches[pagecache.ALIAS].clear()


def queries_of(client, path, token):
    with CaptureQueriesContext(connection) as queries:
        response = call(client, "get", path, token)
    return response, len(queries)


@pytest.mark.django_db
def test_a_repeated_list_is_kept_and_a_change_shows_at_once(client, network, coordinator):
    token = make_token(coordinator, network)
    first, first_queries = queries_of(client, PARTNERS, token)
    second, second_queries = queries_of(client, PARTNERS, token)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second_queries < first_queries
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    with scope(network=network):
        network_services.partner_create(
            acting_user=coordinator,
            network=network,
            organisation_name="Fietsmaatjes",
            sector="welzijn",
            role="partner",
        )
    names = [
        p["organisation"]["name"] for p in call(client, "get", PARTNERS, token).json()["results"]
    ]
    assert "Fietsmaatjes" in names


@pytest.mark.django_db
def test_each_token_has_its_own_answers(client, network, coordinator):
    one, other = make_token(coordinator, network), make_token(coordinator, network)
    queries_of(client, PARTNERS, one)
    _response, queries = queries_of(client, PARTNERS, other)
    _again, kept = queries_of(client, PARTNERS, other)
    assert kept < queries


@pytest.mark.django_db
def test_a_revoked_token_or_an_ended_membership_is_refused_despite_the_cache(
    client, network, coordinator, members
):
    token = make_token(coordinator, network)
    assert call(client, "get", PARTNERS, token).status_code == 200
    with scopes_disabled():
        row = ApiToken.objects.get(token_hash=services.hash_token(token))
    services.token_revoke(acting_user=coordinator, token=row)
    assert call(client, "get", PARTNERS, token).status_code == 401

    second = make_token(coordinator, network)
    assert call(client, "get", PARTNERS, second).status_code == 200
    with scope(network=network):
        Membership.objects.filter(user=coordinator).update(ended_at=timezone.now())
    assert call(client, "get", PARTNERS, second).status_code == 403


@pytest.mark.django_db
def test_the_rate_limit_counts_kept_answers_too(client, network, coordinator, monkeypatch):
    monkeypatch.setattr(rest.TokenRateThrottle, "THROTTLE_RATES", {"token": "2/min"})
    token = make_token(coordinator, network)
    statuses = [call(client, "get", PARTNERS, token).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
