"""Export stage: every output format (GraphML, node-link JSON, Cypher script, extraction JSON
Lines) behind one registry of writers, :mod:`kg.export.registry`."""

# Importing a format module registers its writer: each new format module is imported here.
from kg.export.graphml import write_graphml
from kg.export.jsonl import (
    extraction_line,
    extraction_record,
    finding_record,
    write_extractions,
    write_extractions_file,
)
from kg.export.neo4j_admin import write_neo4j_admin
from kg.export.nodelink import write_node_link
from kg.export.registry import (
    STDOUT,
    Writer,
    export_graph,
    graph_formats,
    open_binary,
    open_text,
    register,
    write_cypher,
    writer,
    writers,
)

__all__ = [
    "STDOUT",
    "Writer",
    "export_graph",
    "extraction_line",
    "extraction_record",
    "finding_record",
    "graph_formats",
    "open_binary",
    "open_text",
    "register",
    "write_cypher",
    "write_extractions",
    "write_extractions_file",
    "write_graphml",
    "write_neo4j_admin",
    "write_node_link",
    "writer",
    "writers",
]
