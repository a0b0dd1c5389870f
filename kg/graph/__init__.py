"""Graph stage: a NetworkX MultiDiGraph in the project's schema, read back from GraphML.

Writing the graph (GraphML, node-link JSON, Cypher) is :mod:`kg.export`; ``write_graphml`` is
importable here too.
"""

from kg.graph.build import build_graph, node_key, nodes_with_label
from kg.graph.graphml import (
    GRAPHML_NAME,
    graphml_path,
    read_built_graph,
    read_graphml,
    write_graphml,
)
from kg.graph.stats import GraphStats, format_stats, graph_stats

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
