"""``kg export SOURCE|--from-db --format FORMAT -o FILE``: a built graph, or the graph in the
database, written in one of the registered graph formats (GraphML, node-link JSON, a Cypher
script of MERGEs); ``-o -`` writes to standard output."""

from __future__ import annotations

import argparse
import sys

from kg.cli.store_options import add_store_arguments
from kg.export import STDOUT, graph_formats, writer
from kg.hygiene import cleaned_note
from kg.pipeline import export_built_graph


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


def run(args: argparse.Namespace) -> int:
    exported = export_built_graph(
        args.format,
        args.output,
        args.source,
        from_db=args.from_db,
        uri=args.uri,
        graph=args.graph,
    )
    to_stdout = args.output == STDOUT
    print(
        f"exported {exported.nodes} nodes and {exported.relationships} relationships "
        f"from {exported.source} to {'standard output' if to_stdout else args.output} "
        f"({args.format})",
        file=sys.stderr if to_stdout else sys.stdout,
    )
    if exported.cleaned:
        print(f"kg: {cleaned_note(exported.cleaned)} in the database's values", file=sys.stderr)
    return 0
