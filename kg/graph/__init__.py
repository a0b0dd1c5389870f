"""Graph stage: a NetworkX MultiDiGraph in the project's schema, and its GraphML form."""

from kg.graph.build import build_graph, node_key, nodes_with_label
from kg.graph.graphml import LIST_PROPERTIES, read_graphml, write_graphml
from kg.graph.stats import GraphStats, format_stats, graph_stats

__all__ = [
    "LIST_PROPERTIES",
    "GraphStats",
    "build_graph",
    "format_stats",
    "graph_stats",
    "node_key",
    "nodes_with_label",
    "read_graphml",
    "write_graphml",
]
