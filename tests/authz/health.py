"""The health pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py)."""

from tests.support.authz import COORDINATOR, EDITORS, REDIRECT, Case, members_only

MATRIX = {
    "health:index": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "health:acknowledge": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=("network_slug",),
        method="post",
    ),
    "health:recompute": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=("network_slug",),
        method="post",
    ),
    "health:settings": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
}


def world(network, other_network, coordinator):
    return {}
