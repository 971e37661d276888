"""Deny-by-default tenancy: network-owned models cannot be read outside a network scope, and a
scope shows one network only."""

import pytest
from django.apps import apps
from django_scopes import ScopeError, scope

from tests.factories import PartnerFactory
from wijknet.networks.models import Membership, Network, Partner

# Models with a foreign key to Network that are deliberately NOT scoped, and why.
UNSCOPED_ON_PURPOSE = {
    # Instrument content is global; a network's own items for one round carry that network
    # and round and are only ever read through the (scoped) round.
    "scans.Item": "global content; own items are reached through their scoped round",
    # The kennisbank is shared content (no network) plus networks' own items: every read goes
    # through toolbox.access.visible_to(network) (tested in toolbox/tests/test_own_items.py).
    "toolbox.ToolboxItem": "shared content; own items are read through toolbox.access",
}


def _network_keyed_models():
    """Every wijknet model with a foreign key to Network: derived, so a new one cannot be missed."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("wijknet."):
            continue
        if any(
            field.many_to_one and field.related_model is Network
            for field in model._meta.get_fields()
        ):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


NETWORK_OWNED = [m for m in _network_keyed_models() if m._meta.label not in UNSCOPED_ON_PURPOSE]


def test_the_derived_list_is_not_empty_and_knows_its_exceptions():
    labels = {m._meta.label for m in _network_keyed_models()}
    assert {"networks.Partner", "casework.Client", "notifications.Notification"} <= labels
    assert set(UNSCOPED_ON_PURPOSE) <= labels, "an exception names a model that has no network"


@pytest.mark.django_db
@pytest.mark.parametrize("model", NETWORK_OWNED, ids=lambda m: m._meta.label)
def test_queries_outside_a_scope_raise(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.django_db
def test_a_scope_shows_only_its_own_network(network, other_network):
    PartnerFactory(network=network, organisation__name="Onze Partner")
    with scope(network=network):
        names = list(Partner.objects.order_by("pk").values_list("organisation__name", flat=True))
    assert names == ["Onze Partner"]


@pytest.mark.django_db
def test_ended_membership_loses_access_at_once(client, network, members, coordinator):
    partner_user = members["partner"]
    client.force_login(partner_user)
    assert client.get(f"/n/{network.slug}/").status_code == 200
    with scope(network=network):
        membership = Membership.objects.get(user=partner_user)
        from wijknet.networks import services

        services.membership_end(acting_user=coordinator, membership=membership)
    assert client.get(f"/n/{network.slug}/").status_code == 404


@pytest.mark.django_db
def test_unknown_and_foreign_network_look_the_same(client, network, other_network, coordinator):
    client.force_login(coordinator)
    foreign = client.get(f"/n/{other_network.slug}/partners/")
    missing = client.get("/n/bestaat-niet/partners/")
    assert foreign.status_code == missing.status_code == 404
    assert b"Geheime Partner" not in foreign.content
