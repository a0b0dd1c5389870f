"""Summary numbers of a graph: what ``kg stats`` prints.

Which labels are ranked, and under which heading, comes from the schema (``stats_title``).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx
from pydantic import BaseModel, Field

from kg.schema import schema

if TYPE_CHECKING:
    from kg.graph.tables import TableShape
    from kg.schema import LabelSpec


class Ranked(BaseModel):
    """An entity and how many papers link to it."""

    id: str
    name: str
    papers: int


class GraphStats(BaseModel):
    nodes: dict[str, int]
    relationships: dict[str, int]
    top: dict[str, list[Ranked]] = Field(
        description="per ranked label (its extraction key: methods, datasets, ...)"
    )

    def ranked(self, key: str) -> list[Ranked]:
        return self.top.get(key, [])

    @property
    def top_methods(self) -> list[Ranked]:
        return self.ranked("methods")

    @property
    def top_datasets(self) -> list[Ranked]:
        return self.ranked("datasets")

    @property
    def top_repositories(self) -> list[Ranked]:
        return self.ranked("repositories")

    def as_json(self) -> dict[str, Any]:
        """``nodes``, ``relationships`` and ``top_<key>`` lists (``top_methods``, ...)."""
        out: dict[str, Any] = {"nodes": self.nodes, "relationships": self.relationships}
        for key, ranked in self.top.items():
            out[f"top_{key}"] = [r.model_dump() for r in ranked]
        return out


def rank_order(ranked: Ranked) -> tuple[int, str, str]:
    """Most papers first, then by name, then by id: one order whichever way the graph is read."""
    return -ranked.papers, ranked.name.casefold(), ranked.id


def _top(graph: nx.MultiDiGraph, label: str, limit: int) -> list[Ranked]:
    """Entities of ``label`` ranked by the number of distinct papers linking to them."""
    spec = schema().label(label)
    ranked = []
    for node, data in graph.nodes(data=True):
        if data.get("label") != label:
            continue
        papers = len({src for src, _ in graph.in_edges(node)})
        name = spec.display_name(data) or str(node)
        ranked.append(Ranked(id=str(data.get("id", node)), name=name, papers=papers))
    ranked.sort(key=rank_order)
    return ranked[:limit]


def graph_stats(graph: nx.MultiDiGraph, limit: int = 10) -> GraphStats:
    """Counts per node label and relationship type, and the most-linked entities."""
    spec = schema()
    nodes = Counter(str(data.get("label", "?")) for _, data in graph.nodes(data=True))
    rels = Counter(str(key) for _, _, key in graph.edges(keys=True))
    known_labels = [str(label) for label in spec.labels]
    known_types = [str(rel) for rel in spec.relationships]
    return GraphStats(
        nodes={label: nodes.get(label, 0) for label in known_labels}
        | {k: v for k, v in nodes.items() if k not in known_labels},
        relationships={rel: rels.get(rel, 0) for rel in known_types}
        | {k: v for k, v in rels.items() if k not in known_types},
        top={
            label.extraction_key: _top(graph, label.label, limit)
            for label in spec.entity_labels
            if label.extraction_key and label.stats_title
        },
    )


def streamed_stats(
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Iterable[tuple[str, str, Any, dict[str, Any]]],
    limit: int = 10,
) -> GraphStats | None:
    """:func:`graph_stats` of a graph given as a stream of nodes (key, attributes), then of edges
    (source, target, key, attributes), as a GraphML file reads: memory holds the ranked entities
    and the targets of one source at a time, not the graph. Distinct papers per entity are
    counted by source as the edges come, which needs every source's edges together (as NetworkX
    writes them); ``None`` when they are not, and the graph must be read whole."""
    spec = schema()
    ranked_labels = {
        str(label.label): label
        for label in spec.entity_labels
        if label.extraction_key and label.stats_title
    }
    node_counts: Counter[str] = Counter()
    entities: dict[str, tuple[str, str, str]] = {}  # key -> (label, id, display name)
    for node, data in nodes:
        of = str(data.get("label", "?"))
        node_counts[of] += 1
        if of in ranked_labels:
            name = ranked_labels[of].display_name(data) or node
            entities[node] = (of, str(data.get("id", node)), name)
    rels: Counter[str] = Counter()
    papers: Counter[str] = Counter()
    finished: set[str] = set()
    current: str | None = None
    targets: set[str] = set()
    for source, target, key, _data in edges:
        rels[str(key)] += 1
        if source != current:
            if source in finished:
                return None
            if current is not None:
                finished.add(current)
            current, targets = source, set()
        if target not in targets:
            targets.add(target)
            papers[target] += 1
    known_labels = [str(label) for label in spec.labels]
    known_types = [str(rel) for rel in spec.relationships]
    top: dict[str, list[Ranked]] = {}
    for label_name, ranked_label in ranked_labels.items():
        ranked = [
            Ranked(id=ident, name=name, papers=papers[key])
            for key, (of, ident, name) in entities.items()
            if of == label_name
        ]
        ranked.sort(key=rank_order)
        top[str(ranked_label.extraction_key)] = ranked[:limit]
    return GraphStats(
        nodes={label: node_counts.get(label, 0) for label in known_labels}
        | {k: v for k, v in node_counts.items() if k not in known_labels},
        relationships={rel: rels.get(rel, 0) for rel in known_types}
        | {k: v for k, v in rels.items() if k not in known_types},
        top=top,
    )


def table_stats(tables: Sequence[TableShape], limit: int = 10) -> GraphStats:
    """:func:`graph_stats` of the row tables a build keeps next to its GraphML
    (:mod:`kg.graph.table_cache`): counts from the tables' sizes, papers per entity from the
    relationship rows, and the entities of the ranked labels read one at a time, keeping only the
    ``limit`` best (memory holds a count per linked entity). A build links a source to an entity
    once, so an entity's incoming relationships are the distinct papers (and results) linking
    to it."""
    spec = schema()
    ranked_labels = {
        str(label.label): label
        for label in spec.entity_labels
        if label.extraction_key and label.stats_title
    }
    node_counts: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    papers: dict[str, Counter[str]] = {label: Counter() for label in ranked_labels}
    for table in tables:
        if table.kind == "nodes":
            node_counts[table.names[0]] += table.size
            continue
        rels[table.names[1]] += table.size
        linked = papers.get(table.names[2])
        if linked is not None:
            linked.update(row[1] for row in table.each_row())
    top: dict[str, list[Ranked]] = {}
    for label_name, ranked_label in ranked_labels.items():
        found = _table_entities(tables, ranked_label, papers[label_name])
        top[str(ranked_label.extraction_key)] = heapq.nsmallest(limit, found, key=rank_order)
    known_labels = [str(label) for label in spec.labels]
    known_types = [str(rel) for rel in spec.relationships]
    return GraphStats(
        nodes={label: node_counts.get(label, 0) for label in known_labels}
        | {k: v for k, v in node_counts.items() if k not in known_labels},
        relationships={rel: rels.get(rel, 0) for rel in known_types}
        | {k: v for k, v in rels.items() if k not in known_types},
        top=top,
    )


def _table_entities(
    tables: Sequence[TableShape], label: LabelSpec, linked: Counter[str]
) -> Iterator[Ranked]:
    """Every node of ``label`` in ``tables``, ranked by the papers ``linked`` counts for it."""
    from kg.schema import node_key

    for table in tables:
        if table.kind != "nodes" or table.names[0] != label.label:
            continue
        properties = table.properties
        for row in table.each_row():
            ident = str(row[0])
            name = label.display_name(dict(zip(properties, row[1:], strict=True)))
            yield Ranked(id=ident, name=name or node_key(label.label, ident), papers=linked[ident])


def format_stats(stats: GraphStats) -> str:
    """Plain-text rendering for the terminal."""
    lines = ["Nodes"]
    lines += [f"  {label:<12} {count:>8}" for label, count in stats.nodes.items()]
    lines.append("Relationships")
    lines += [f"  {rel:<12} {count:>8}" for rel, count in stats.relationships.items()]
    for label in schema().entity_labels:
        if not (label.extraction_key and label.stats_title):
            continue
        lines.append(f"{label.stats_title} (papers)")
        ranked = stats.ranked(label.extraction_key)
        lines += [f"  {r.papers:>6}  {r.name}" for r in ranked] or ["  (none)"]
    return "\n".join(lines)
