"""Graph stage: a NetworkX MultiDiGraph in the project's schema, read back from GraphML.

Writing the graph (GraphML, node-link JSON, Cypher) is :mod:`kg.export`; ``write_graphml`` is
importable here too.

The names below are loaded on first use: the stores import :mod:`kg.graph.columns` to check
labels and property names, and that must not bring NetworkX and the data models along (it
would slow every ``kg query``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg._lazy import lazy_names

if TYPE_CHECKING:
    from kg.graph.build import build_graph, node_key, nodes_with_label
    from kg.graph.graphml import (
        GRAPHML_NAME,
        graphml_path,
        read_built_graph,
        read_graphml,
        write_graphml,
    )
    from kg.graph.stats import GraphStats, format_stats, graph_stats

# each public name and the module that defines it
_HOMES = {
    "build_graph": "build",
    "node_key": "build",
    "nodes_with_label": "build",
    "GRAPHML_NAME": "graphml",
    "graphml_path": "graphml",
    "read_built_graph": "graphml",
    "read_graphml": "graphml",
    "write_graphml": "graphml",
    "GraphStats": "stats",
    "format_stats": "stats",
    "graph_stats": "stats",
}

__all__ = [
    "GRAPHML_NAME",
    "GraphStats",
    "build_graph",
    "format_stats",
    "graph_stats",
    "graphml_path",
    "node_key",
    "nodes_with_label",
    "read_built_graph",
    "read_graphml",
    "write_graphml",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
