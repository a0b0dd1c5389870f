"""``kg stats OUT_DIR_OR_GRAPHML``: counts per label and type, and the most-linked entities."""

from __future__ import annotations

import argparse
import json

from kg.graph import format_stats
from kg.pipeline import graph_statistics


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("stats", help="summarise a built graph")
    parser.add_argument("source", metavar="OUT_DIR_OR_GRAPHML")
    parser.add_argument("--top", type=int, default=10, help="how many entities to rank")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    stats = graph_statistics(args.source, top=args.top)
    if args.json:
        print(json.dumps(stats.as_json(), indent=2, ensure_ascii=False))
    else:
        print(format_stats(stats))
    return 0
