"""This app's pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py)."""

from django_scopes import scope

from tests.support.authz import COORDINATOR, OK, Case, everyone, members_only
from wijknet.networks.models import Membership
from wijknet.public import services

MATRIX: dict[str, Case] = {
    # Anybody, without logging in, when published; the other network has not published: 404.
    "public:page": Case(everyone(OK), kwargs=("public_slug",), foreign=True),
    "public:settings": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
}


def world(network, other_network, coordinator):
    """Our network publishes its public page; the other network does not have one."""
    with scope(network=network):
        services.public_page_update(
            acting_user=coordinator,
            membership=Membership.objects.get(network=network, user=coordinator),
            network=network,
            expected_version=0,
            published=True,
            intro="Samen gezond in Oost.",
        )
    return {"public_slug": (network.slug, other_network.slug)}
