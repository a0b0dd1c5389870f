"""GraphML files that NetworkX, Neo4j (``apoc.import.graphml`` with ``readLabels``), Gephi and
Cytoscape all open with node labels and relationship types intact.

GraphML only holds scalars, so list-valued properties (``aliases``, ``authors``, ``sources``)
are written as JSON arrays inside a string, e.g. ``["ResNet50", "ResNet 50"]``, and decoded back
by :func:`read_graphml`. The set of such properties is :data:`LIST_PROPERTIES`.

XML readers turn a carriage return inside text into a newline; ingest already unifies line
endings to ``\n``, so text read from any input round-trips unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

LIST_PROPERTIES: frozenset[str] = frozenset({"aliases", "authors", "sources"})


def _encode(props: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple) else v
        for k, v in props.items()
    }


def _decode(props: dict[str, Any]) -> dict[str, Any]:
    out = dict(props)
    for key in LIST_PROPERTIES & out.keys():
        value = out[key]
        if isinstance(value, str):
            out[key] = json.loads(value)
    return out


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` to ``path`` with list properties JSON-encoded."""
    encoded = nx.MultiDiGraph()
    encoded.graph.update(_encode(graph.graph))
    for node, data in graph.nodes(data=True):
        encoded.add_node(node, **_encode(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        encoded.add_edge(source, target, key=key, **_encode(data))
    nx.write_graphml(encoded, str(path), encoding="utf-8")


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml` back into the in-memory form."""
    raw = nx.read_graphml(str(path), force_multigraph=True)
    graph = nx.MultiDiGraph()
    graph.graph.update(raw.graph)
    for node, data in raw.nodes(data=True):
        graph.add_node(node, **_decode(data))
    for source, target, key, data in raw.edges(keys=True, data=True):
        graph.add_edge(source, target, key=key, **_decode(data))
    return graph
