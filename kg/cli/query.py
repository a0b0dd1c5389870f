"""``kg query "MATCH ..."`` or ``kg query --file queries/x.cypher``: run Cypher, print rows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.output import format_csv, format_json, format_table
from kg.cli.query_file import parse_param_option, parse_query_file, split_statements
from kg.cli.store_options import add_store_arguments
from kg.errors import InputError, UsageError
from kg.pipeline import run_queries
from kg.store import QueryResult, WriteCounts


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a Cypher query against the database",
        description="Run a Cypher query, read-only unless --write; a script of statements "
        "separated by ';' runs them in order. Long values are cut in the "
        "table; --json and --csv show them whole.",
    )
    parser.add_argument("cypher", nargs="?", metavar="CYPHER", help="the query text")
    parser.add_argument("--file", "-f", type=Path, help="read the query from a .cypher file")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="query parameter (JSON if it parses, else a string); repeatable",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON array of row objects")
    output.add_argument("--csv", action="store_true", help="print CSV with a header row")
    parser.add_argument("--write", action="store_true", help="allow the query to write")
    add_store_arguments(parser)
    parser.set_defaults(func=run)


def total_counts(results: list[QueryResult]) -> WriteCounts:
    return WriteCounts(
        nodes_created=sum(r.counts.nodes_created for r in results),
        relationships_created=sum(r.counts.relationships_created for r in results),
        properties_set=sum(r.counts.properties_set for r in results),
    )


def run(args: argparse.Namespace) -> int:
    if (args.cypher is None) == (args.file is None):
        raise UsageError("give either a query or --file FILE (not both)")
    overrides = dict(parse_param_option(option) for option in args.param)
    if args.file is not None:
        query_file = parse_query_file(args.file)
        text, params = query_file.text, query_file.parameters(overrides)
    else:
        text, params = args.cypher, overrides
    if not text.strip():
        raise InputError("the query is empty")
    # a script of several statements runs them in order and shows the last one's rows
    statements = split_statements(text) or [text]
    results = run_queries(statements, params, args.uri, graph=args.graph, write=args.write)
    result = results[-1]
    if args.write:
        counts = total_counts(results)
        print(
            f"nodes created: {counts.nodes_created}, relationships created: "
            f"{counts.relationships_created}, properties set: {counts.properties_set}",
            file=sys.stderr,
        )
    if args.json:
        print(format_json(result))
    elif args.csv:
        print(format_csv(result))
    else:
        print(format_table(result))
    return 0
