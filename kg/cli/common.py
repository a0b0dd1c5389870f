"""Options and output helpers shared by several ``kg`` subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.cli.progress_options import add_quiet_argument
from kg.errors import InputError
from kg.extract import ExtractConfig
from kg.extract.engines import ENGINES, LOCAL
from kg.ingest.filters import RecordFilter, parse_since
from kg.ingest.formats import FORMATS
from kg.ingest.urls import is_url, url_exists
from kg.models import IngestReport, Problem
from kg.pipeline import default_workers


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """INPUT... plus the options that control how inputs are read and extracted."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files; '-' reads stdin")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="input format (default: by file extension; JSON dumps of arxiv, openalex, s2, "
        "hf-papers and pwc are recognised by their fields)",
    )
    parser.add_argument(
        "--category",
        type=_categories,
        action="extend",
        default=[],
        metavar="CATS",
        help="keep only papers in one of these categories (comma-separated, e.g. cs.CL,cs.LG)",
    )
    parser.add_argument(
        "--since",
        type=_since,
        default=None,
        metavar="YYYY-MM-DD",
        help="keep only papers published on or after this date",
    )
    parser.add_argument(
        "--strict", action="store_true", help="stop at the first bad record with a non-zero exit"
    )
    parser.add_argument(
        "--skip-missing",
        action="store_true",
        help="go on without input files that do not exist (default: stop with an error)",
    )
    parser.add_argument(
        "--gazetteer",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="extra gazetteer (JSON Lines of {label, name, aliases}); repeatable",
    )
    parser.add_argument(
        "--model",
        default=None,
        help="optional spaCy model (name or path) whose entities are used too",
    )
    parser.add_argument(
        "--workers",
        type=_workers,
        default=None,
        metavar="N",
        help="processes for extraction, or with --engine dask and no --scheduler the local "
        "cluster's workers (default: the machine's cores); the output is the same for any N",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=LOCAL,
        help="where extraction runs: local (this machine, --workers processes) or dask "
        "(a Dask cluster; needs the kg-papers[dask] extra); the output is the same",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask: the scheduler to use, e.g. tcp://host:8786 (default: a "
        "cluster of --workers processes on this machine, started for the run)",
    )
    parser.add_argument(
        "--extract-config",
        default=None,
        type=Path,
        help="pipeline config overriding the shipped one",
    )
    add_quiet_argument(parser)


def _categories(text: str) -> list[str]:
    found = [part.strip() for part in text.split(",") if part.strip()]
    if not found:
        raise argparse.ArgumentTypeError("name at least one category, e.g. cs.CL")
    return found


def _since(text: str) -> str:
    try:
        parse_since(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def input_filters(args: argparse.Namespace) -> RecordFilter:
    """``--category`` and ``--since`` as the filter ``read_inputs`` applies."""
    return RecordFilter.of(args.category, args.since)


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def workers(args: argparse.Namespace) -> int:
    """``--workers``, or the machine's cores."""
    return int(args.workers) if args.workers else default_workers()


def extract_config(args: argparse.Namespace) -> ExtractConfig:
    return ExtractConfig(gazetteers=args.gazetteer, model=args.model, config=args.extract_config)


def print_problem(problem: Problem) -> None:
    """Bad records go to stderr as they are met: ``file:line: reason``."""
    print(f"kg: skipped {problem}", file=sys.stderr)


def print_summary(report: IngestReport) -> None:
    print(f"kg: {report.summary()}", file=sys.stderr)


def check_inputs(args: argparse.Namespace) -> None:
    """Input files that do not exist stop the run before anything is read or written, unless
    ``--skip-missing`` (then each is reported as skipped)."""
    if getattr(args, "skip_missing", False):
        return
    missing = [path for path in args.inputs if path != "-" and not _exists(path)]
    if missing:
        names = ", ".join(missing)
        raise InputError(
            f"input file(s) not found: {names} (in {os.getcwd()}); nothing was written; "
            "check the names, or pass --skip-missing to go on without them"
        )


def _exists(path: str) -> bool:
    return url_exists(path) if is_url(path) else os.path.exists(path)


def require_papers(report: IngestReport) -> None:
    """A run that found no paper at all is a failure, not an empty success."""
    if report.built == 0:
        raise InputError("no papers could be read from the inputs (see the messages above)")
