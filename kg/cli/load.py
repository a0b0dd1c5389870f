"""``kg load OUT_DIR_OR_GRAPHML``: write a built graph into a graph database (idempotent)."""

from __future__ import annotations

import argparse

from kg.cli.progress_options import add_quiet_argument, progress_for
from kg.cli.store_options import add_store_arguments
from kg.errors import UsageError
from kg.pipeline import load_built_graph
from kg.store import DEFAULT_BATCH_SIZE


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "load",
        help="load a built graph into the database",
        description="Load a built graph into the embedded FalkorDB (default), a FalkorDB "
        "server or Neo4j. Loading again is safe: nodes and relationships are merged by id. "
        "A FalkorDB graph that does not exist yet is written in bulk (GRAPH.BULK), which "
        "stores the same graph several times faster.",
    )
    parser.add_argument("source", metavar="OUT_DIR_OR_GRAPHML")
    add_store_arguments(parser)
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"rows per MERGE statement (default: {DEFAULT_BATCH_SIZE})",
    )
    parser.add_argument(
        "--no-bulk",
        dest="bulk",
        action="store_false",
        help="merge even into a new FalkorDB graph, as into one that exists",
    )
    add_quiet_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    progress = progress_for(args)
    with progress.stage("load", unit="rows") as stage:

        def advance(done: int, total: int) -> None:
            stage.total = total
            stage.advance(done - stage.done)

        loaded = load_built_graph(
            args.source,
            args.uri,
            graph=args.graph,
            batch_size=args.batch_size,
            progress=advance,
            bulk=args.bulk,
        )
    progress.summary()
    print(f"loaded {loaded.source} into {loaded.store}")
    for item in loaded.summary.schema_created:
        print(f"  created {item}")
    print(f"  {loaded.summary.text()}")
    return 0
