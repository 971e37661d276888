"""Graph metrics with networkx. Pure functions over a graph: nodes are partner ids with a
`name` attribute, edges carry `weight`, `meetings` and `actions`."""

from dataclasses import dataclass, field
from functools import cached_property

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


def compute(network) -> dict:
    """The collaboration graph and its metrics as JSON, for core.analysis to store (a task
    runs this; the pages read the stored result, see `StoredGraph`)."""
    from . import queries

    graph = queries.collaboration_graph(network)
    hubs = queries.kartrekker_partners(network)
    result = analyse(graph, hubs)
    return {
        "nodes": [
            {
                "id": node,
                "name": data["name"],
                "sector": data["sector"],
                "degree": result.degree.get(node, 0),
                "betweenness": result.betweenness.get(node, 0.0),
            }
            for node, data in graph.nodes(data=True)
        ],
        "edges": [[a, b, data["weight"]] for a, b, data in graph.edges(data=True)],
        "isolated": result.isolated,
        "cut_points": [
            {"partner_id": c.partner_id, "name": c.name, "parts": c.parts}
            for c in result.cut_points
        ],
        "bridges": [list(edge) for edge in result.bridges],
        "components": result.components,
        "hubs": [hub for hub in hubs if hub in graph],
        "hub_share": [[hub, share] for hub, share in result.hub_share.items()],
    }


class StoredGraph:
    """The stored graph (see `compute`) with what the pages need: no networkx."""

    def __init__(self, data: dict | None):
        data = data or {}
        self.nodes = data.get("nodes", [])
        self.edges = [tuple(edge) for edge in data.get("edges", [])]
        self.hubs = data.get("hubs", [])
        self.names = {node["id"]: node["name"] for node in self.nodes}
        self.analysis = Analysis(
            degree={node["id"]: node["degree"] for node in self.nodes},
            betweenness={node["id"]: node["betweenness"] for node in self.nodes},
            isolated=data.get("isolated", []),
            cut_points=[CutPoint(**cut) for cut in data.get("cut_points", [])],
            bridges=[tuple(edge) for edge in data.get("bridges", [])],
            components=data.get("components", 0),
            hub_share={hub: share for hub, share in data.get("hub_share", [])},
        )
        self._pairs = {(a, b) for a, b, _w in self.edges} | {(b, a) for a, b, _w in self.edges}

    def __contains__(self, node) -> bool:
        return node in self.names

    def has_edge(self, a, b) -> bool:
        return (a, b) in self._pairs

    @cached_property
    def by_degree(self) -> list[dict]:
        """The nodes, best connected first (then by name). Read-only: the object is shared
        between requests (core.analysis.Stored.derive)."""
        return sorted(self.nodes, key=lambda node: (-node["degree"], node["name"]))

    @cached_property
    def _adjacent(self) -> dict[int, list[int]]:
        result = {node: [] for node in self.names}
        for a, b, _w in self.edges:
            result.setdefault(a, []).append(b)
            result.setdefault(b, []).append(a)
        return result

    def neighbours_of(self, nodes) -> dict[int, list[str]]:
        """Partner id → sorted names of its partners, for `nodes` only."""
        adjacent = self._adjacent
        return {
            node: sorted(self.names[other] for other in adjacent.get(node, ()))
            for node in set(nodes)
        }

    def neighbours(self) -> dict[int, list[str]]:
        """Partner id → sorted names of the partners it is connected with."""
        result = {node: [] for node in self.names}
        for a, b, _w in self.edges:
            result[a].append(self.names[b])
            result[b].append(self.names[a])
        return {node: sorted(names) for node, names in result.items()}
