"""``kg extract INPUT... -o FILE.jsonl``: one JSON object per paper with what was found."""

from __future__ import annotations

import argparse
import sys

from kg.cli.common import (
    add_input_arguments,
    extract_config,
    print_problem,
    print_summary,
    require_papers,
)
from kg.errors import OutputError
from kg.export import write_extractions, write_extractions_file
from kg.extract import explain
from kg.pipeline import extract_inputs


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract methods, datasets and repositories to JSON Lines"
    )
    add_input_arguments(parser)
    parser.add_argument(
        "-o", "--output", default="-", help="output JSON Lines file (default: stdout)"
    )
    parser.add_argument(
        "--explain",
        nargs="?",
        const="*",
        metavar="PAPER_ID",
        help="also print, for one paper (or every paper), which rule found what",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = extract_inputs(
        args.inputs,
        fmt=args.format,
        strict=args.strict,
        config=extract_config(args),
        on_problem=print_problem,
    )
    print_summary(result.report)
    require_papers(result.report)
    if args.output == "-":
        write_extractions(result.extractions, sys.stdout)
    else:
        try:
            written = write_extractions_file(result.extractions, args.output)
        except OSError as exc:
            raise OutputError(f"cannot write {args.output}: {exc.strerror}") from exc
        print(f"kg: wrote {written} papers to {args.output}", file=sys.stderr)
    if args.explain:
        chosen = [e for e in result.extractions if args.explain in ("*", e.paper.id)]
        if not chosen:
            print(f"kg: no paper with id {args.explain!r}", file=sys.stderr)
        for extraction in chosen:
            print(explain(extraction), file=sys.stderr)
    return 0
