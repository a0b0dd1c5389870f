"""``kg gazetteer import --from pwc methods.json datasets.json -o names.jsonl``: a source's
curated method and dataset names as a gazetteer, for ``--gazetteer names.jsonl``."""

from __future__ import annotations

import argparse
import sys

from kg.cli.common import print_problem
from kg.errors import InputError, OutputError
from kg.ingest.pwc_gazetteer import SOURCES, import_pwc, write_gazetteer


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("gazetteer", help="make gazetteers from curated name lists")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    imports = actions.add_parser(
        "import", help="turn a source's method and dataset lists into a gazetteer file"
    )
    imports.add_argument(
        "--from", dest="source", choices=SOURCES, required=True, help="whose lists they are"
    )
    imports.add_argument(
        "inputs", nargs="+", metavar="FILE", help="the lists (methods.json, datasets.json; .gz)"
    )
    imports.add_argument(
        "-o", "--output", default="-", help="gazetteer JSON Lines file (default: stdout)"
    )
    imports.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    result = import_pwc(args.inputs)
    for problem in result.problems:
        print_problem(problem)
    if not result.entries:
        raise InputError("no names could be read from the inputs (see the messages above)")
    entries = result.entries.values()
    if args.output == "-":
        written = write_gazetteer(entries, sys.stdout)
    else:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                written = write_gazetteer(entries, handle)
        except OSError as exc:
            raise OutputError(f"cannot write {args.output}: {exc.strerror}") from exc
    print(
        f"kg: read {result.read} records, skipped {len(result.problems)}: wrote {written} "
        f"names to {args.output}",
        file=sys.stderr,
    )
    return 0
