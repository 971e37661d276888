"""Building the collaboration graph from the network's own data, in a fixed number of queries."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from itertools import combinations

import networkx as nx
from django.db.models import Q
from django.utils import timezone

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


def _active_at(as_of: date) -> Q:
    """Partners active at the end of `as_of` (joined by then, not yet left)."""
    return Q(joined_on__lte=as_of) & (Q(left_on__isnull=True) | Q(left_on__gt=as_of))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _recorded(network, as_of: date) -> datetime:
    """Rows without a date of their own count when recorded by the end of `as_of`, or on the
    network's first day on the platform (an imported history): health.snapshot.recorded_until."""
    return max(_end_of(as_of), _end_of(timezone.localtime(network.created_at).date()))


def collaboration_graph(network, as_of: date | None = None) -> nx.Graph:
    """Partners joined by meetings they attended together and goals they work on together;
    with `as_of`, as it stood at the end of that day (the health monitor's as-of date)."""
    graph = nx.Graph()
    if as_of is None:
        partners = active_partners(network)
        meetings = Q()
        actions = Q()
    else:
        partners = list(
            Partner.objects.filter(_active_at(as_of), network=network)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        meetings = Q(meeting__starts_at__lt=_end_of(as_of))
        actions = Q(created_at__lt=_recorded(network, as_of))
    for partner in partners:
        graph.add_node(
            partner.pk,
            name=partner.organisation.name,
            sector=partner.organisation.get_sector_display(),
            uuid=str(partner.uuid),
        )
    present = defaultdict(set)
    for meeting_id, partner_id in (
        Attendance.objects.filter(meetings, network=network, present=True)
        .order_by()
        .values_list("meeting_id", "partner_id")
    ):
        present[meeting_id].add(partner_id)
    on_goal = defaultdict(set)
    for goal_id, partner_id in (
        Action.objects.filter(
            actions, network=network, goal__isnull=False, owner_partner__isnull=False
        )
        .order_by()
        .values_list("goal_id", "owner_partner_id")
    ):
        on_goal[goal_id].add(partner_id)
    # Count the pairs with one bitmask per partner (bit i: in group i), not per group: 500
    # meetings of 40 partners are 400,000 pairs, too many for networkx's per-edge lookups.
    meeting_pairs = _pairs(graph, present.values())
    action_pairs = _pairs(graph, on_goal.values())
    for pair in {**meeting_pairs, **action_pairs}:  # first meetings, then actions (as before)
        together, working = meeting_pairs.get(pair, 0), action_pairs.get(pair, 0)
        graph.add_edge(*pair, weight=together + working, meetings=together, actions=working)
    return graph


def _pairs(graph, groups) -> dict[tuple[int, int], int]:
    """How often each pair of partners (in the graph, lower id first) is in a group together,
    in the order the pairs first occur (group by group, pairs sorted within a group)."""
    masks: dict[int, int] = defaultdict(int)
    for i, partner_ids in enumerate(groups):
        for partner_id in partner_ids:
            if partner_id in graph:
                masks[partner_id] |= 1 << i
    found = []
    for a, b in combinations(sorted(masks), 2):
        common = masks[a] & masks[b]
        if common:
            first = (common & -common).bit_length()
            found.append((first, a, b, common.bit_count()))
    return {(a, b): n for _first, a, b, n in sorted(found)}


def kartrekker_partners(network, as_of: date | None = None) -> list[int]:
    """Partner ids of the organisations the current kartrekkers belong to (with `as_of`: the
    kartrekkers and partners of the end of that day)."""
    if as_of is None:
        current, active = Q(ended_at__isnull=True), Q(left_on__isnull=True)
    else:
        end = _end_of(as_of)
        current = Q(created_at__lt=_recorded(network, as_of)) & (
            Q(ended_at__isnull=True) | Q(ended_at__gte=end)
        )
        active = _active_at(as_of)
    organisations = (
        Membership.objects.filter(
            current, network=network, role="coordinator", organisation__isnull=False
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )
    return list(
        Partner.objects.filter(active, network=network, organisation_id__in=organisations)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def desired_relations(network):
    return (
        DesiredRelation.objects.filter(network=network)
        .select_related("partner_a__organisation", "partner_b__organisation")
        .order_by("pk")
    )
