"""Who may change the wijkprofiel, and single objects of the active network ("missing" and
"not yours" are the same 404)."""

from django.shortcuts import get_object_or_404

from wijknet.networks.roles import EDIT_NETWORK

from .models import GoalIndicator, NetworkArea


def may_manage_profile(membership) -> bool:
    """Linking areas, choosing indicators and linking them to goals: the kartrekker (who edits
    the network's profile)."""
    return membership.can(EDIT_NETWORK)


def may_import_area_data(membership) -> bool:
    """Importing CBS and GGD figures (shared by every network of the installation): a
    kartrekker, or an administrator of the installation who is a member here."""
    return membership.can(EDIT_NETWORK) or bool(membership.user.is_staff)


def get_area_link(network, link_uuid) -> NetworkArea:
    return get_object_or_404(NetworkArea, network=network, uuid=link_uuid)


def get_goal_link(network, link_uuid) -> GoalIndicator:
    return get_object_or_404(
        GoalIndicator.objects.select_related("goal"), network=network, uuid=link_uuid
    )
