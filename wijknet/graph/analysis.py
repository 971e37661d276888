"""Graph metrics with networkx. Pure functions over a graph: nodes are partner ids with a
`name` attribute, edges carry `weight`, `meetings` and `actions`."""

from dataclasses import dataclass, field

import networkx as nx


@dataclass
class CutPoint:
    """A partner whose departure splits the network (seed 000: "als één van die schakels
    uitvalt, komt het hele netwerk stil te liggen")."""

    partner_id: int
    name: str
    parts: list[list[str]]  # the groups that would lose contact with each other


@dataclass
class Analysis:
    degree: dict[int, int]
    betweenness: dict[int, float]
    isolated: list[int]
    cut_points: list[CutPoint]
    bridges: list[tuple[int, int]]
    components: int
    hub_share: dict[int, float] = field(default_factory=dict)  # kartrekker org → share

    def top_brokers(self, limit: int = 3) -> list[tuple[int, float]]:
        ranked = sorted(self.betweenness.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(node, value) for node, value in ranked[:limit] if value > 0]


def analyse(graph: nx.Graph, hubs=()) -> Analysis:
    """Degree, betweenness, isolated partners, articulation points and bridges.

    `hubs` are the partners the kartrekkers belong to: for each, the share of connected partner
    pairs whose shortest paths run through it (its normalised betweenness).
    """
    betweenness = (
        nx.betweenness_centrality(graph, normalized=True)
        if len(graph) > 2
        else {n: 0.0 for n in graph}
    )
    cut_points = []
    for node in sorted(nx.articulation_points(graph)):
        rest = graph.copy()
        rest.remove_node(node)
        parts = sorted(
            (
                sorted(graph.nodes[n]["name"] for n in comp)
                for comp in nx.connected_components(rest)
                if len(comp) > 0
            ),
            key=lambda part: (-len(part), part),
        )
        # Only the parts that were connected through this node count, not isolated partners.
        parts = [p for p in parts if any(graph.has_edge(node, n) for n in _ids(graph, p))]
        cut_points.append(CutPoint(node, graph.nodes[node]["name"], parts))
    return Analysis(
        degree=dict(graph.degree()),
        betweenness=betweenness,
        isolated=sorted(nx.isolates(graph)),
        cut_points=cut_points,
        bridges=sorted(tuple(sorted(edge)) for edge in nx.bridges(graph)),
        components=nx.number_connected_components(graph) if len(graph) else 0,
        hub_share={hub: betweenness.get(hub, 0.0) for hub in hubs if hub in graph},
    )


def _ids(graph, names):
    wanted = set(names)
    return [n for n, data in graph.nodes(data=True) if data["name"] in wanted]
