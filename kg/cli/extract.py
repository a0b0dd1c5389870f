"""``kg extract INPUT... -o FILE.jsonl``: one JSON object per paper with what was found."""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import IO

from kg.cli.common import (
    add_input_arguments,
    check_inputs,
    extract_config,
    input_filters,
    print_problem,
    print_summary,
    require_papers,
    workers,
)
from kg.cli.progress_options import progress_for
from kg.errors import InputError, write_failure
from kg.export.registry import STDOUT, open_text
from kg.extract import explain
from kg.extract.engines import check_engine, extract_with
from kg.extract.runs import ExtractRun
from kg.ingest import read_inputs
from kg.models import PaperExtraction
from kg.pipeline import extract_totals, extraction_lines


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
    check_inputs(args)
    check_engine(args.engine, args.scheduler)
    # the papers wait on disk, next to the output (a scratch folder removed at the end)
    near = None if args.output == STDOUT else Path(args.output).resolve().parent
    with tempfile.TemporaryDirectory(prefix=".kg-scratch-", dir=near) as scratch:
        return _extract(args, Path(scratch))


def _extract(args: argparse.Namespace, scratch: Path) -> int:
    progress = progress_for(args)
    with progress.stage("read") as read:
        papers, report = read_inputs(
            args.inputs,
            fmt=args.format,
            strict=args.strict,
            on_problem=print_problem,
            filters=input_filters(args),
            spill=scratch,
        )
        read.advance(len(papers))
    print_summary(report)
    require_papers(report)
    reduce = partial(lines_and_explanations, args.explain)
    run = ExtractRun(
        config=extract_config(args),
        workers=workers(args),
        scheduler=args.scheduler,
        scratch=scratch,
        on_progress=progress.counter(extract_totals(len(papers))),
    )
    chunks = extract_with(args.engine, papers, reduce, run)
    explanations: list[str] = []

    def write(out: IO[str]) -> int:
        written = 0
        with progress.stage("extract"):  # the passes the engine tells of are stages too
            for lines, explained in chunks:
                out.write(lines)
                written += lines.count("\n")
                explanations.extend(explained)
        return written

    if args.output == STDOUT:
        write(sys.stdout)
    else:
        try:  # written under a temporary name, moved onto the output only when complete
            with open_text(args.output) as handle:
                written = write(handle)
        except OSError as exc:
            kept = f"{args.output} was left as it was"
            raise write_failure(args.output, exc, kept) from None
        print(f"kg: wrote {written} papers to {args.output}", file=sys.stderr)
    if args.explain:
        if not explanations:
            raise InputError(
                f"no paper with id {args.explain!r} among the inputs; "
                'the ids are the "id" of each line of the output'
            )
        print("\n".join(explanations), file=sys.stderr)
    progress.summary()
    return 0


def lines_and_explanations(
    chosen: str | None, extractions: list[PaperExtraction]
) -> tuple[str, list[str]]:
    """A chunk's JSON Lines and the account of each chosen paper (``*``: every paper; None:
    none), made where the chunk was extracted."""
    if chosen is None:
        return extraction_lines(extractions), []
    explained = [explain(e) for e in extractions if chosen in ("*", e.paper.id)]
    return extraction_lines(extractions), explained
