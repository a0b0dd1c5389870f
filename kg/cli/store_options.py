"""Command-line options shared by the commands that reach a graph database."""

from __future__ import annotations

import argparse

from kg.cli.arguments import utf8_text
from kg.store import DEFAULT_GRAPH, GraphStore, open_store


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--uri",
        default=None,
        type=utf8_text,
        help="database: none for the embedded FalkorDB (default; or NEO4J_URI if set), "
        "bolt:// or neo4j:// for Neo4j, falkor:// or redis:// for a FalkorDB server",
    )
    parser.add_argument(
        "--graph",
        default=DEFAULT_GRAPH,
        type=utf8_text,
        help=f"graph name in FalkorDB (default: {DEFAULT_GRAPH}); Neo4j uses NEO4J_DATABASE",
    )


def store_from_args(args: argparse.Namespace) -> GraphStore:
    return open_store(args.uri, args.graph)
