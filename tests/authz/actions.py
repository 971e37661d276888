"""This app's pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py)."""

from django_scopes import scope

from tests.support.authz import EDITORS, READERS, REDIRECT, Case, members_only
from wijknet.actions import services

MATRIX: dict[str, Case] = {
    "actions:index": Case(members_only(READERS), kwargs=("network_slug",)),
    "actions:goal_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "actions:goal_edit": Case(
        members_only(EDITORS), kwargs=("network_slug", "goal_uuid"), foreign=True
    ),
    "actions:goal_review": Case(
        members_only(EDITORS), kwargs=("network_slug", "goal_uuid"), foreign=True
    ),
    "actions:action_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "actions:action_edit": Case(
        members_only(EDITORS), kwargs=("network_slug", "action_uuid"), foreign=True
    ),
    # Readers may open it for actions they own; the action here is the kartrekker's.
    "actions:action_status": Case(
        members_only(EDITORS), kwargs=("network_slug", "action_uuid"), foreign=True
    ),
    "actions:success_list": Case(members_only(READERS), kwargs=("network_slug",)),
    "actions:success_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "actions:digest": Case(members_only(EDITORS), kwargs=("network_slug",)),
    # Sending with nothing to share redirects back to the preview: no mail goes out.
    "actions:digest_send": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=("network_slug",),
        method="post",
    ),
}


def _objects(network, user):
    with scope(network=network):
        goal = services.goal_create(acting_user=user, network=network, title="Meer bewegen")
        action = services.action_create(
            acting_user=user, network=network, title="Wandelgroep starten", goal=goal, owner=user
        )
    return goal, action


def world(network, other_network, coordinator):
    goal, action = _objects(network, coordinator)
    foreign_goal, foreign_action = _objects(other_network, None)
    return {
        "goal_uuid": (goal.uuid, foreign_goal.uuid),
        "action_uuid": (action.uuid, foreign_action.uuid),
    }
