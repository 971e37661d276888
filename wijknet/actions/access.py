"""Single objects of the active network. "Missing" and "not yours" are the same 404."""

from django.shortcuts import get_object_or_404

from .models import Action, Goal


def get_goal(network, goal_uuid) -> Goal:
    return get_object_or_404(Goal, network=network, uuid=goal_uuid)


def get_action(network, action_uuid) -> Action:
    return get_object_or_404(
        Action.objects.select_related("owner", "owner_partner__organisation", "goal", "meeting"),
        network=network,
        uuid=action_uuid,
    )
