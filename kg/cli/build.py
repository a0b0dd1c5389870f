"""``kg build INPUT... --out DIR``: the whole pipeline, written as GraphML and JSON Lines."""

from __future__ import annotations

import argparse

from kg.cli.common import (
    add_input_arguments,
    extract_config,
    input_filters,
    print_problem,
    print_summary,
    require_papers,
    workers,
)
from kg.errors import OutputError
from kg.graph import GRAPHML_NAME, format_stats, graph_stats
from kg.pipeline import EXTRACTIONS_NAME, build


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("build", help="build the knowledge graph from abstracts")
    add_input_arguments(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="output directory")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = build(
            args.inputs,
            args.out,
            fmt=args.format,
            strict=args.strict,
            config=extract_config(args),
            on_problem=print_problem,
            workers=workers(args),
            filters=input_filters(args),
        )
    except OSError as exc:
        raise OutputError(f"cannot write to {args.out}: {exc.strerror or exc}") from exc
    print_summary(result.report)
    require_papers(result.report)
    print(format_stats(graph_stats(result.graph, limit=5)))
    print(f"\nwrote {result.out_dir / GRAPHML_NAME} and {result.out_dir / EXTRACTIONS_NAME}")
    return 0
