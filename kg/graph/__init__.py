"""Graph stage: a NetworkX MultiDiGraph in the project's schema, read back from GraphML.

Writing the graph (GraphML, node-link JSON, Cypher) is :mod:`kg.export`; ``write_graphml`` is
importable here too.

The names below are loaded on first use: the stores import :mod:`kg.graph.columns` to check
labels and property names, and that must not bring NetworkX and the data models along (it
would slow every ``kg query``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kg.graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kg.graph.{home}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
