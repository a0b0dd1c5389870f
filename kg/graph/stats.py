"""Summary numbers of a graph: what ``kg stats`` prints."""

from __future__ import annotations

from collections import Counter

import networkx as nx
from pydantic import BaseModel

from kg.models import NodeLabel, RelType


class Ranked(BaseModel):
    """An entity and how many papers link to it."""

    id: str
    name: str
    papers: int


class GraphStats(BaseModel):
    nodes: dict[str, int]
    relationships: dict[str, int]
    top_methods: list[Ranked]
    top_datasets: list[Ranked]
    top_repositories: list[Ranked]


def _display(data: dict) -> str:
    if data.get("label") == NodeLabel.REPOSITORY:
        return str(data.get("url") or data.get("id"))
    return str(data.get("name") or data.get("title") or data.get("id"))


def _top(graph: nx.MultiDiGraph, label: str, limit: int) -> list[Ranked]:
    """Entities of ``label`` ranked by the number of distinct papers linking to them."""
    ranked = []
    for node, data in graph.nodes(data=True):
        if data.get("label") != label:
            continue
        papers = len({src for src, _ in graph.in_edges(node)})
        ranked.append(Ranked(id=str(data.get("id", node)), name=_display(data), papers=papers))
    ranked.sort(key=lambda r: (-r.papers, r.name.casefold()))
    return ranked[:limit]


def graph_stats(graph: nx.MultiDiGraph, limit: int = 10) -> GraphStats:
    """Counts per node label and relationship type, and the most-linked entities."""
    nodes = Counter(data.get("label", "?") for _, data in graph.nodes(data=True))
    rels = Counter(key for _, _, key in graph.edges(keys=True))
    return GraphStats(
        nodes={str(label): nodes.get(label, 0) for label in NodeLabel}
        | {k: v for k, v in nodes.items() if k not in set(NodeLabel)},
        relationships={str(t): rels.get(t, 0) for t in RelType}
        | {k: v for k, v in rels.items() if k not in set(RelType)},
        top_methods=_top(graph, NodeLabel.METHOD, limit),
        top_datasets=_top(graph, NodeLabel.DATASET, limit),
        top_repositories=_top(graph, NodeLabel.REPOSITORY, limit),
    )


def format_stats(stats: GraphStats) -> str:
    """Plain-text rendering for the terminal."""
    lines = ["Nodes"]
    lines += [f"  {label:<12} {count:>8}" for label, count in stats.nodes.items()]
    lines.append("Relationships")
    lines += [f"  {rel:<12} {count:>8}" for rel, count in stats.relationships.items()]
    for title, ranked in (
        ("Most-linked methods", stats.top_methods),
        ("Most-linked datasets", stats.top_datasets),
        ("Most-linked repositories", stats.top_repositories),
    ):
        lines.append(f"{title} (papers)")
        lines += [f"  {r.papers:>6}  {r.name}" for r in ranked] or ["  (none)"]
    return "\n".join(lines)
