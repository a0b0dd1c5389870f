"""``kg query "MATCH ..."`` or ``kg query --file queries/x.cypher``: run Cypher, print rows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.arguments import utf8_text
from kg.cli.output import format_csv, format_json, format_table
from kg.cli.query_file import (
    Param,
    check_text,
    parse_param_option,
    parse_query_file,
    split_statements,
    typed_value,
)
from kg.cli.store_options import add_store_arguments
from kg.errors import InputError, UsageError
from kg.hygiene import cleaned_note
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
    parser.add_argument(
        "cypher", nargs="?", type=utf8_text, metavar="CYPHER", help="the query text"
    )
    parser.add_argument("--file", "-f", type=Path, help="read the query from a .cypher file")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        type=utf8_text,
        metavar="NAME=VALUE",
        help="query parameter: text, unless the query file declares it a number, boolean or "
        "list (// @param name = 10); name:int=5 (str, int, float, bool, json) states the type; "
        "repeatable",
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
    overrides: dict[str, Param] = dict(parse_param_option(option) for option in args.param)
    if args.file is not None:
        query_file = parse_query_file(args.file)
        text, params = query_file.text, query_file.parameters(dict(overrides))
    else:
        text = args.cypher
        params = {name: typed_value(name, value) for name, value in overrides.items()}
    if not text.strip():
        raise InputError("the query is empty")
    for name, value in params.items():
        check_text(f"--param {name}", value)
    # a script of several statements runs them in order and shows each one's rows
    statements = split_statements(text) or [text]
    results = run_queries(statements, params, args.uri, graph=args.graph, write=args.write)
    if args.write:
        counts = total_counts(results)
        print(
            f"nodes created: {counts.nodes_created}, relationships created: "
            f"{counts.relationships_created}, properties set: {counts.properties_set}",
            file=sys.stderr,
        )
    cleaned = sum(result.cleaned for result in results)
    if cleaned:
        print(f"kg: {cleaned_note(cleaned)} in the results", file=sys.stderr)
    if args.json and len(results) > 1:
        print("[" + ",\n".join(format_json(result) for result in results) + "]")
        return 0
    for number, (statement, result) in enumerate(zip(statements, results, strict=True), 1):
        if len(results) > 1:
            if number > 1:
                print()
            first = " ".join(statement.split())
            print(f"// statement {number}: {first[:70] + '…' if len(first) > 70 else first}")
        if args.json:
            print(format_json(result))
        elif args.csv:
            print(format_csv(result))
        else:
            print(format_table(result))
    return 0
