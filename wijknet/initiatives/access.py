"""Who may bring in, support, edit and answer initiatives, and single initiatives of the active
network ("missing" and "not yours" are the same 404).

Every member who sees the network's goals and actions (kartrekker, core group, partners and
citizens) may bring in an idea and support one; funders and observers read aggregates only.
The kartrekker and the core group (who may edit goals and actions) answer ideas and turn them
into goals.
"""

from django.shortcuts import get_object_or_404

from wijknet.networks.models import Membership
from wijknet.networks.roles import EDIT_ACTIONS, EDIT_NETWORK, VIEW_ACTIONS, Role, role_can

from .models import Initiative, InitiativeStatus

# Whose ideas count as the residents' own (the health monitor's bottom-up evidence): members
# who joined as citizens / volunteers, by their role when the idea came in.
RESIDENT_ROLES = (Role.CITIZEN,)
# Ideas whose story is finished: the initiator no longer edits them.
CLOSED_STATUSES = frozenset({InitiativeStatus.DONE, InitiativeStatus.DECLINED})


def _current(membership) -> bool:
    return membership is not None and membership.ended_at is None


def can_view_initiatives(membership) -> bool:
    """Initiatives: a current member who sees the goals and actions (citizens included)."""
    return _current(membership) and membership.can(VIEW_ACTIONS)


def can_propose(membership) -> bool:
    """Bringing in an idea: every member who sees the initiatives, citizens included (seed 002
    Aanbeveling 1: the resident has the regie)."""
    return can_view_initiatives(membership)


def can_respond(membership) -> bool:
    """Answering ideas (status, reason, turning one into a goal): the kartrekker and the core
    group, who may edit goals and actions."""
    return _current(membership) and membership.can(EDIT_ACTIONS)


def can_manage_settings(membership) -> bool:
    """The network's response term: whoever may edit the network's profile (the kartrekker)."""
    return _current(membership) and membership.can(EDIT_NETWORK)


def is_initiator(initiative: Initiative, user) -> bool:
    """The member who brought the idea in."""
    return initiative.initiator_id is not None and initiative.initiator_id == user.pk


def may_edit(membership, initiative: Initiative) -> bool:
    """The initiator edits their idea until it is finished (afgerond or niet opgepakt); the
    kartrekker and the core group may always correct it."""
    if can_respond(membership):
        return True
    return (
        can_propose(membership)
        and initiative.initiator_id == membership.user_id
        and initiative.status not in CLOSED_STATUSES
    )


def may_support(membership, initiative: Initiative) -> bool:
    """Supporting an idea or offering help: any other member who may bring in ideas, while the
    idea is not finished (the initiator does not support their own idea)."""
    return (
        can_propose(membership)
        and initiative.initiator_id != membership.user_id
        and initiative.status not in CLOSED_STATUSES
    )


def may_adopt(membership, initiative: Initiative) -> bool:
    """Turning an idea into a goal with actions: a responder, once, while it has no goal and
    is not finished."""
    return (
        can_respond(membership)
        and initiative.goal_id is None
        and initiative.status not in CLOSED_STATUSES
    )


def kartrekker_memberships(network):
    """Who hears about a new idea: the current kartrekkers (who may edit the network)."""
    roles = [role for role in Role.values if role_can(role, EDIT_NETWORK)]
    return (
        Membership.objects.filter(network=network, ended_at__isnull=True, role__in=roles)
        .select_related("user")
        .order_by("pk")
    )


def get_initiative(network, initiative_uuid) -> Initiative:
    initiative = get_object_or_404(
        Initiative.objects.select_related("initiator", "responded_by", "goal"),
        network=network,
        uuid=initiative_uuid,
    )
    initiative.network = network  # the active network: no second query for it
    return initiative
