"""Building the collaboration graph from the network's own data, in a fixed number of queries."""

from collections import defaultdict
from itertools import combinations

import networkx as nx

from wijknet.actions.models import Action
from wijknet.meetings.models import Attendance
from wijknet.networks.models import Membership, Partner

from .models import DesiredRelation


def active_partners(network):
    return list(
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def collaboration_graph(network) -> nx.Graph:
    """Partners joined by meetings they attended together and goals they work on together."""
    graph = nx.Graph()
    partners = active_partners(network)
    for partner in partners:
        graph.add_node(
            partner.pk,
            name=partner.organisation.name,
            sector=partner.organisation.get_sector_display(),
            uuid=str(partner.uuid),
        )
    present = defaultdict(set)
    for meeting_id, partner_id in (
        Attendance.objects.filter(network=network, present=True)
        .order_by()
        .values_list("meeting_id", "partner_id")
    ):
        present[meeting_id].add(partner_id)
    for attendees in present.values():
        _link(graph, attendees, "meetings")
    on_goal = defaultdict(set)
    for goal_id, partner_id in (
        Action.objects.filter(network=network, goal__isnull=False, owner_partner__isnull=False)
        .order_by()
        .values_list("goal_id", "owner_partner_id")
    ):
        on_goal[goal_id].add(partner_id)
    for owners in on_goal.values():
        _link(graph, owners, "actions")
    return graph


def _link(graph, partner_ids, kind):
    for a, b in combinations(sorted(p for p in partner_ids if p in graph), 2):
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0, meetings=0, actions=0)
        graph[a][b][kind] += 1
        graph[a][b]["weight"] += 1


def kartrekker_partners(network) -> list[int]:
    """Partner ids of the organisations the current kartrekkers belong to."""
    organisations = (
        Membership.objects.filter(
            network=network, role="coordinator", ended_at__isnull=True, organisation__isnull=False
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )
    return list(
        Partner.objects.filter(
            network=network, left_on__isnull=True, organisation_id__in=organisations
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def desired_relations(network):
    return (
        DesiredRelation.objects.filter(network=network)
        .select_related("partner_a__organisation", "partner_b__organisation")
        .order_by("pk")
    )
