"""``kg load OUT_DIR_OR_GRAPHML``: write a built graph into a graph database (idempotent)."""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from kg.cli.store_options import add_store_arguments, store_from_args
from kg.errors import InputError
from kg.graph import read_graphml
from kg.pipeline import graphml_path
from kg.store.backend import WriteCounts
from kg.store.loader import DEFAULT_BATCH_SIZE, load_graph
from kg.store.rows import Batch


def register(subparsers: argparse._SubParsersAction) -> None:
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
    path = graphml_path(args.source)
    if not path.is_file():
        raise InputError(f"no graph at {path} (run 'kg build ... --out DIR' first)")
    graph = read_graphml(path)
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
