"""``kg build INPUT... --out DIR``: the whole pipeline, written as GraphML and JSON Lines;
``kg build NEW... --update DIR [--full]`` adds papers to an earlier build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

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
from kg.errors import UsageError, write_failure
from kg.graph import GRAPHML_NAME, GraphStats, format_stats
from kg.pipeline import (
    EXTRACTIONS_NAME,
    NAMES_NAME,
    NETWORKX_LIMIT,
    REPORT_NAME,
    NoPapers,
    build,
)
from kg.progress import Progress


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("build", help="build the knowledge graph from abstracts")
    add_input_arguments(parser)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR", help="output directory")
    target.add_argument(
        "--update",
        metavar="DIR",
        help="add the inputs to the build in DIR: only new and changed papers are extracted",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="with --update: extract every paper again (names proven by new papers are then "
        "looked for in the old ones too)",
    )
    parser.add_argument(
        "--networkx",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"also hold the graph in NetworkX while writing it (default: only up to "
        f"{NETWORKX_LIMIT:,} papers; above, the files are written straight from the rows on "
        "disk, with the same bytes)",
    )
    parser.set_defaults(func=run)


def _options(args: argparse.Namespace, progress: Progress) -> dict[str, Any]:
    """The options a build and an update share."""
    return {
        "progress": progress,
        "fmt": args.format,
        "strict": args.strict,
        "config": extract_config(args),
        "on_problem": print_problem,
        "workers": workers(args),
        "filters": input_filters(args),
        "engine": args.engine,
        "scheduler": args.scheduler,
        "networkx": args.networkx,
    }


def run(args: argparse.Namespace) -> int:
    if args.full and not args.update:
        raise UsageError("--full goes with --update DIR")
    check_inputs(args)
    if args.update:
        return _update(args)
    progress = progress_for(args)
    try:
        result = build(args.inputs, args.out, **_options(args, progress))
    except NoPapers as exc:
        print_summary(exc.report)
        raise
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else args.out
        kept = f"the previous outputs in {args.out} are untouched"
        raise write_failure(where, exc, kept) from None
    print_summary(result.report)
    progress.summary()
    require_papers(result.report)
    _finish(result.stats, result.out_dir)
    return 0


def _finish(stats: GraphStats, out: Path) -> None:
    top = {key: ranked[:5] for key, ranked in stats.top.items()}
    print(format_stats(stats.model_copy(update={"top": top})))
    files = (GRAPHML_NAME, EXTRACTIONS_NAME, NAMES_NAME, REPORT_NAME)
    written = ", ".join(str(out / name) for name in files)
    print(f"\nwrote {written}; next: kg load {out}  (or kg view {out} -o graph.html)")


def _update(args: argparse.Namespace) -> int:
    from kg.update import update

    progress = progress_for(args)
    try:
        result = update(args.inputs, args.update, full=args.full, **_options(args, progress))
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else args.update
        kept = f"the build in {args.update} is untouched"
        raise write_failure(where, exc, kept) from None
    print_summary(result.report)
    print(
        f"kg: updated {result.out_dir}: {result.added} papers added, {result.changed} changed, "
        f"{result.extracted} extracted",
        file=sys.stderr,
    )
    progress.summary()
    _finish(result.stats, result.out_dir)
    return 0
