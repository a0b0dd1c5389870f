"""``kg export SOURCE|--from-db --format graphml|json|cypher -o FILE``: a built graph, or the
graph in the database, written as GraphML, node-link JSON or a Cypher script of MERGEs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import networkx as nx

from kg.cli.store_options import add_store_arguments, store_from_args
from kg.errors import InputError
from kg.graph import read_graphml, write_graphml
from kg.pipeline import graphml_path
from kg.store.cypher_script import write_script
from kg.store.readback import read_graph

FORMATS = ("graphml", "json", "cypher")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a built graph or the database's graph as GraphML, JSON or Cypher",
        description="Export a built graph (an out dir or GraphML file) or, with --from-db, the "
        "graph in the database. json is NetworkX node-link JSON with node keys under 'key'; "
        "cypher is a script of MERGE statements for Neo4j Browser or 'kg query --write --file'.",
    )
    parser.add_argument("source", nargs="?", metavar="OUT_DIR_OR_GRAPHML")
    parser.add_argument("--from-db", action="store_true", help="read the graph from the database")
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    add_store_arguments(parser)
    parser.set_defaults(func=run)


def _source_graph(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, str]:
    if args.from_db == (args.source is not None):
        raise InputError("give either OUT_DIR_OR_GRAPHML or --from-db (not both)")
    if args.source is not None:
        path = graphml_path(args.source)
        if not path.is_file():
            raise InputError(f"no graph at {path} (run 'kg build ... --out DIR' first)")
        return read_graphml(path), str(path)
    store = store_from_args(args)
    try:
        return read_graph(store), store.description
    finally:
        store.close()


def write_graph(graph: nx.MultiDiGraph, fmt: str, path: Path) -> None:
    """Write ``graph`` to ``path`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "graphml":
        write_graphml(graph, path)
        return
    with path.open("w", encoding="utf-8") as handle:
        if fmt == "json":
            # node keys under "key": "id" is already a property of every node
            data = nx.node_link_data(graph, name="key", edges="links")
            json.dump(data, handle, ensure_ascii=False)
            handle.write("\n")
        else:
            write_script(graph, handle)


def run(args: argparse.Namespace) -> int:
    graph, where = _source_graph(args)
    try:
        write_graph(graph, args.format, args.output)
    except OSError as exc:
        raise InputError(f"cannot write {args.output}: {exc.strerror}") from None
    print(
        f"exported {graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships "
        f"from {where} to {args.output} ({args.format})"
    )
    return 0
