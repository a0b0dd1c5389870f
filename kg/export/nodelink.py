"""NetworkX node-link JSON: ``{"directed", "multigraph", "graph", "nodes", "links"}``.

Node keys are under ``"key"`` (``"id"`` is already a property of every node) and lists stay
JSON arrays; ``nx.node_link_graph(data, name="key", edges="links")`` reads it back.
"""

from __future__ import annotations

import json

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.export.registry import TextTarget, open_text, register


@register(
    "json",
    extension=".json",
    description="NetworkX node-link JSON, node keys under 'key'",
)
def write_node_link(graph: nx.MultiDiGraph, target: TextTarget) -> None:
    """Write ``graph`` as node-link JSON (one line) to a path or an open text file."""
    data = nx.node_link_data(graph, name="key", edges="links")
    with open_text(target) as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.write("\n")
