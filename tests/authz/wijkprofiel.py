"""The wijkprofiel pages in the authorization matrix
(wijknet/tests/test_authorization_matrix.py)."""

from django_scopes import scope

from tests.support.authz import COORDINATOR, READERS, REDIRECT, Case, members_only
from wijknet.actions.models import Goal
from wijknet.wijkprofiel import services

MATRIX = {
    # Every role that sees the step plan (the profile belongs to its first phase).
    "wijkprofiel:index": Case(members_only(READERS), kwargs=("network_slug",)),
    "wijkprofiel:areas": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
    "wijkprofiel:area_unlink": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=("network_slug", "area_link_uuid"),
        method="post",
        foreign=True,
    ),
    "wijkprofiel:indicators": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
    "wijkprofiel:goal_link": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
    "wijkprofiel:goal_unlink": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=("network_slug", "goal_link_uuid"),
        method="post",
        foreign=True,
    ),
    # A kartrekker, or an administrator of the installation (wijkprofiel/tests/test_views.py).
    "wijkprofiel:import": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
}


def _objects(network, user):
    with scope(network=network):
        area = services.area_link(acting_user=user, network=network, code="WK036301")
        goal = Goal.objects.create(network=network, title="Meer bewegen")
        link = services.goal_indicator_link(
            acting_user=user,
            network=network,
            goal=goal,
            indicator="beweegrichtlijn",
            area_code="WK036301",
        )
    return area, link


def world(network, other_network, coordinator):
    area, link = _objects(network, coordinator)
    foreign_area, foreign_link = _objects(other_network, None)
    return {
        "area_link_uuid": (area.uuid, foreign_area.uuid),
        "goal_link_uuid": (link.uuid, foreign_link.uuid),
    }
