"""``kg export SOURCE|--from-db --format FORMAT -o FILE``: a built graph, or the graph in the
database, written in one of the registered graph formats (GraphML, node-link JSON, a Cypher
script of MERGEs); ``-o -`` writes to standard output."""

from __future__ import annotations

import argparse
import sys

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.cli.store_options import add_store_arguments, store_from_args
from kg.errors import InputError
from kg.export import STDOUT, export_graph, graph_formats, writer
from kg.graph import read_built_graph
from kg.store.readback import read_graph


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = "; ".join(f"{name}: {writer(name).description}" for name in graph_formats())
    parser = subparsers.add_parser(
        "export",
        help="write a built graph or the database's graph as GraphML, JSON or Cypher",
        description="Export a built graph (an out dir or GraphML file) or, with --from-db, the "
        f"graph in the database. Formats: {formats}.",
    )
    parser.add_argument("source", nargs="?", metavar="OUT_DIR_OR_GRAPHML")
    parser.add_argument("--from-db", action="store_true", help="read the graph from the database")
    parser.add_argument("--format", required=True, choices=graph_formats())
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="file to write; '-' for stdout"
    )
    add_store_arguments(parser)
    parser.set_defaults(func=run)


def _source_graph(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, str]:
    if args.from_db == (args.source is not None):
        raise InputError("give either OUT_DIR_OR_GRAPHML or --from-db (not both)")
    if args.source is not None:
        graph, path = read_built_graph(args.source)
        return graph, str(path)
    store = store_from_args(args)
    try:
        return read_graph(store), store.description
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    graph, where = _source_graph(args)
    export_graph(graph, args.format, args.output)
    to_stdout = args.output == STDOUT
    print(
        f"exported {graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships "
        f"from {where} to {'standard output' if to_stdout else args.output} ({args.format})",
        file=sys.stderr if to_stdout else sys.stdout,
    )
    return 0
