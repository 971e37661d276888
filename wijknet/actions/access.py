"""Who may change goals and actions, and single objects of the active network ("missing" and
"not yours" are the same 404)."""

from django.shortcuts import get_object_or_404

from wijknet.networks.access import current_membership_of
from wijknet.networks.roles import EDIT_ACTIONS

from .models import Action, Goal

# What the owner of an action may change without EDIT_ACTIONS: how far it is and what came of it.
OWNER_FIELDS = frozenset({"status", "result"})


def can_edit_actions(network, user) -> bool:
    """Goals, actions and successes: a current member with edit_actions."""
    membership = current_membership_of(network, user)
    return membership is not None and membership.can(EDIT_ACTIONS)


def may_update_action(action: Action, user, fields) -> bool:
    """Editors change everything; the action's owner only its status and result."""
    if can_edit_actions(action.network, user):
        return True
    is_owner = action.owner_id is not None and action.owner_id == user.pk
    return is_owner and not set(fields) - OWNER_FIELDS


def get_goal(network, goal_uuid) -> Goal:
    return get_object_or_404(Goal, network=network, uuid=goal_uuid)


def get_action(network, action_uuid) -> Action:
    return get_object_or_404(
        Action.objects.select_related("owner", "owner_partner__organisation", "goal", "meeting"),
        network=network,
        uuid=action_uuid,
    )
