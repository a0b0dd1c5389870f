"""``kg load OUT_DIR_OR_GRAPHML``: write a built graph into a graph database (idempotent)."""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm  # type: ignore[import-untyped, unused-ignore]

from kg.cli.store_options import add_store_arguments, store_from_args
from kg.errors import InputError
from kg.graph import read_built_graph
from kg.store import DEFAULT_BATCH_SIZE, Batch, WriteCounts, load_graph


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "load",
        help="load a built graph into the database",
        description="Load a built graph into the embedded FalkorDB (default), a FalkorDB "
        "server or Neo4j. Loading again is safe: nodes and relationships are merged by id.",
    )
    parser.add_argument("source", metavar="OUT_DIR_OR_GRAPHML")
    add_store_arguments(parser)
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"rows per statement (default: {DEFAULT_BATCH_SIZE})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    graph, path = read_built_graph(args.source)
    store = store_from_args(args)
    try:
        total = graph.number_of_nodes() + graph.number_of_edges()
        with tqdm(
            total=total, unit="rows", file=sys.stderr, disable=not sys.stderr.isatty()
        ) as progress:

            def advance(batch: Batch, _counts: WriteCounts) -> None:
                progress.update(batch.size)

            summary = load_graph(store, graph, batch_size=args.batch_size, on_batch=advance)
    finally:
        store.close()
    print(f"loaded {path} into {store.description}")
    for item in summary.schema_created:
        print(f"  created {item}")
    print(f"  {summary.text()}")
    return 0
