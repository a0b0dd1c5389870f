"""``kg view OUT_DIR_OR_GRAPHML -o FILE.html`` (or ``--from-db [--cypher QUERY]``): the graph as
one self-contained, offline HTML explorer drawn by Neo4j's renderer (the ``view`` extra)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.cli.arguments import utf8_text
from kg.cli.store_options import add_store_arguments, store_from_args
from kg.errors import InputError, UsageError
from kg.graph import read_built_graph
from kg.hygiene import cleaned_note
from kg.schema import NodeLabel, node_key
from kg.store.backend import clean_result
from kg.store.readback import read_graph_cleaned
from kg.view import DEFAULT_HOPS, DEFAULT_MAX_NODES, Start, write_view


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "view",
        help="write the graph as one offline HTML explorer",
        description="Write a built graph (an out dir or GraphML file) or, with --from-db, the "
        "database's graph or the subgraph a Cypher query returns, as one self-contained HTML "
        "file: search, filters, a side panel per node and relationship, neighbourhood focus. "
        "Nothing is fetched from the network when it is written or opened.",
    )
    parser.add_argument("source", nargs="?", metavar="OUT_DIR_OR_GRAPHML")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.html")
    parser.add_argument("--from-db", action="store_true", help="read the graph from the database")
    parser.add_argument(
        "--cypher",
        type=utf8_text,
        metavar="QUERY",
        help="with --from-db: draw the nodes this query returns and the relationships among them",
    )
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_MAX_NODES,
        help=f"keep at most N nodes, the most-linked (default: {DEFAULT_MAX_NODES})",
    )
    start = parser.add_mutually_exclusive_group()
    for label in (NodeLabel.PAPER, NodeLabel.METHOD, NodeLabel.DATASET):
        start.add_argument(
            f"--{label.lower()}",
            type=utf8_text,
            metavar="NAME",
            help=f"start from the {label} named NAME",
        )
    parser.add_argument(
        "--hops",
        type=int,
        default=DEFAULT_HOPS,
        help=f"with --paper/--method/--dataset: how far to go (default: {DEFAULT_HOPS})",
    )
    parser.add_argument("--title", type=utf8_text, help="the page title (default: the source)")
    add_store_arguments(parser)
    parser.set_defaults(func=run)


def _node_keys(value: Any, found: set[str]) -> None:
    """Collect the graph keys of every node inside a query value (nodes, paths, lists, maps)."""
    if isinstance(value, list):
        for item in value:
            _node_keys(item, found)
    elif isinstance(value, dict):
        labels, props = value.get("labels"), value.get("properties")
        if isinstance(labels, list) and isinstance(props, dict) and "id" in props:
            for label in labels:
                if label in NodeLabel.__members__.values():
                    found.add(node_key(str(label), str(props["id"])))
        for item in value.values():
            _node_keys(item, found)


def _from_db(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, str]:
    store = store_from_args(args)
    try:
        graph, cleaned = read_graph_cleaned(store)
        if cleaned:
            print(f"kg: {cleaned_note(cleaned)} in the database's values", file=sys.stderr)
        if args.cypher is None:
            return graph, store.description
        found: set[str] = set()
        for row in clean_result(store.query(args.cypher, {})).rows:  # keys as in the graph
            _node_keys(row, found)
        if not found:
            raise InputError("the --cypher query returned no nodes of the graph")
        return graph.subgraph(
            found & set(graph.nodes)
        ).copy(), f"{store.description}: {args.cypher}"
    finally:
        store.close()


def _source(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, str]:
    if args.from_db == (args.source is not None):
        raise UsageError("give either OUT_DIR_OR_GRAPHML or --from-db (not both)")
    if args.cypher is not None and not args.from_db:
        raise UsageError("--cypher needs --from-db")
    if args.source is not None:
        graph, path = read_built_graph(args.source)
        return graph, str(path)
    return _from_db(args)


def _start(args: argparse.Namespace) -> Start | None:
    if args.hops < 0:
        raise UsageError("--hops must be 0 or more")
    for label in (NodeLabel.PAPER, NodeLabel.METHOD, NodeLabel.DATASET):
        name = getattr(args, label.lower())
        if name:
            return Start(label, name, args.hops)
    return None


def run(args: argparse.Namespace) -> int:
    graph, where = _source(args)
    title = args.title or f"kg: {Path(where).parent.name if where.endswith('.graphml') else where}"
    document = write_view(
        graph, args.output, max_nodes=args.max_nodes, start=_start(args), title=title, source=where
    )
    shown, total = len(document["nodes"]), graph.number_of_nodes()
    note = f" (left out {total - shown}: the least linked)" if shown < total else ""
    print(
        f"wrote {args.output}: {shown} of {total} nodes, {len(document['edges'])} relationships"
        f"{note}, from {where}"
    )
    return 0
