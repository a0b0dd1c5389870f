"""Reading back from a store: the whole graph as a MultiDiGraph in the project's conventions
(``kg.graph.build``: node keys ``paper:<id>``, ``label`` and ``labels`` on nodes, edges keyed by
relationship type with a ``label`` attribute, so exports from the database match file exports),
or just how many nodes and relationships it holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.schema import node_key
from kg.store import statements
from kg.store.backend import GraphStore, clean_result

if TYPE_CHECKING:  # counting (kg db status) needs no NetworkX
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]


@dataclass(frozen=True)
class GraphCounts:
    """Nodes per label and relationships per type in a store."""

    nodes: dict[str, int]
    relationships: dict[str, int]

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())


def graph_counts(store: GraphStore) -> GraphCounts:
    """How many nodes of each label and relationships of each type ``store`` holds."""
    nodes = store.query(statements.template("count_nodes"), {}).rows
    relationships = store.query(statements.template("count_relationships"), {}).rows
    return GraphCounts(
        nodes={str(label or ""): int(count) for label, count in nodes},
        relationships={str(kind): int(count) for kind, count in relationships},
    )


def read_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Every node and relationship in ``store``; labels outside the schema are an error."""
    return read_graph_cleaned(store)[0]


def read_graph_cleaned(store: GraphStore) -> tuple[nx.MultiDiGraph, int]:
    """:func:`read_graph`, and how many characters no output can carry it cleaned from the
    values (written by another client: see :mod:`kg.hygiene`)."""
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    graph = nx.MultiDiGraph()
    nodes = clean_result(store.query(statements.template("read_nodes"), {}))
    for labels, props in nodes.rows:
        label = str(statements.node_label(labels[0] if labels else ""))
        graph.add_node(node_key(label, str(props["id"])), label=label, labels=f":{label}", **props)
    relationships = clean_result(store.query(statements.template("read_relationships"), {}))
    for source_label, source, rel_type, props, target_label, target in relationships.rows:
        kind = str(statements.rel_type(rel_type))
        graph.add_edge(
            node_key(str(statements.node_label(source_label)), str(source)),
            node_key(str(statements.node_label(target_label)), str(target)),
            key=kind,
            label=kind,
            **props,
        )
    return graph, nodes.cleaned + relationships.cleaned
