"""``kg extract INPUT... -o FILE.jsonl``: one JSON object per paper with what was found."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from kg.cli.common import (
    add_input_arguments,
    extract_config,
    print_problem,
    print_summary,
    require_papers,
    workers,
)
from kg.errors import InputError, OutputError
from kg.export import write_extractions
from kg.extract import explain
from kg.models import PaperExtraction
from kg.pipeline import extract_inputs


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        workers=workers(args),
    )
    print_summary(result.report)
    require_papers(result.report)
    explained: list[PaperExtraction] = []

    def kept(extractions: Iterator[PaperExtraction]) -> Iterator[PaperExtraction]:
        for extraction in extractions:
            if args.explain in ("*", extraction.paper.id):
                explained.append(extraction)
            yield extraction

    if args.output == "-":
        write_extractions(kept(result.extractions), sys.stdout)
    else:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                written = write_extractions(kept(result.extractions), handle)
        except OSError as exc:
            raise OutputError(f"cannot write {args.output}: {exc.strerror}") from exc
        print(f"kg: wrote {written} papers to {args.output}", file=sys.stderr)
    if args.explain:
        if not explained:
            raise InputError(f"no paper with id {args.explain!r}")
        for extraction in explained:
            print(explain(extraction), file=sys.stderr)
    return 0
