"""kg: research-paper abstracts to a knowledge graph of papers, methods, datasets and code."""

from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__
from kg.errors import EXIT_INTERRUPTED, EXIT_OUTPUT, KgError, write_failure

# Subcommand modules, each with ``register(subparsers)``; order is the order of ``kg --help``.
COMMANDS = (
    "build",
    "extract",
    "stats",
    "load",
    "query",
    "export",
    "view",
    "db",
    "schema",
    "gazetteer",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kg.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KgError as exc:
        print(f"kg: error {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            "kg: interrupted; files this run was writing were not written (earlier ones are "
            "kept); run the command again to finish",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a write that no command foresaw (disk full while printing)
        where = exc.filename if isinstance(exc.filename, str) else "standard output"
        print(f"kg: error {write_failure(where, exc)}", file=sys.stderr)
        return EXIT_OUTPUT


if __name__ == "__main__":
    sys.exit(main())
