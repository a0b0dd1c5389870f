"""The whole graph read back from a store into a MultiDiGraph in the project's conventions
(``kg.graph.build``): node keys ``paper:<id>``, ``label`` and ``labels`` on nodes, edges keyed by
relationship type with a ``label`` attribute, so exports from the database match file exports."""

from __future__ import annotations

import networkx as nx

from kg.graph.build import node_key
from kg.store import statements
from kg.store.backend import GraphStore


def read_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Every node and relationship in ``store``; labels outside the schema are an error."""
    graph = nx.MultiDiGraph()
    for labels, props in store.query(statements.template("read_nodes"), {}).rows:
        label = str(statements.node_label(labels[0] if labels else ""))
        graph.add_node(node_key(label, str(props["id"])), label=label, labels=f":{label}", **props)
    relationships = store.query(statements.template("read_relationships"), {}).rows
    for source_label, source, rel_type, props, target_label, target in relationships:
        kind = str(statements.rel_type(rel_type))
        graph.add_edge(
            node_key(str(statements.node_label(source_label)), str(source)),
            node_key(str(statements.node_label(target_label)), str(target)),
            key=kind,
            label=kind,
            **props,
        )
    return graph
