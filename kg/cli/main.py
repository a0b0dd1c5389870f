"""kg: research-paper abstracts to a knowledge graph of papers, methods, datasets and code."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from kg import __version__
from kg.errors import EXIT_INTERRUPTED, EXIT_OUTPUT, KgError, write_failure

# Subcommand modules, each with ``register(subparsers)``, and their one-line help (the same as
# the module's, checked by a test); order is the order of ``kg --help``. Only the module of the
# command being run is imported, so ``kg --help`` and ``kg query`` do not load spaCy or other
# commands' database drivers.
COMMANDS = {
    "build": "build the knowledge graph from abstracts",
    "extract": "extract methods, datasets and repositories to JSON Lines",
    "stats": "summarise a built graph",
    "load": "load a built graph into the database",
    "query": "run a Cypher query against the database",
    "export": "write a built graph or the database's graph as GraphML, JSON or Cypher",
    "view": "write the graph as one offline HTML explorer",
    "db": "start, stop or inspect the embedded FalkorDB server",
    "schema": "print the graph schema or the JSON Schema of the data models",
    "gazetteer": "make gazetteers from curated name lists",
}


def _chosen(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names (its first word that is one), if any."""
    for word in argv:
        if word in COMMANDS:
            return word
    return None


def build_parser(only: str | None = None, every: bool = True) -> argparse.ArgumentParser:
    """The parser: with ``every``, each subcommand in full (imports every command module);
    else ``only`` in full and the others by their help line."""
    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if every or name == only:
            importlib.import_module(f"kg.cli.{name}").register(subparsers)
        else:
            subparsers.add_parser(name, help=help_text)
    return parser


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _default_in_child() -> None:
    # A forked worker must end by the signal itself when its pool terminates it: a Python
    # handler would never run in a worker that is blocked in C code.
    if signal.getsignal(signal.SIGTERM) is _interrupt:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_default_in_child)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """While a command runs, SIGTERM (``kill``, ``timeout``, a service manager) ends it as Ctrl-C
    does: the files it was writing and its temporary folders are removed, earlier outputs are
    kept. (Only the main thread may set signal handlers; elsewhere nothing changes.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    with _sigterm_interrupts():
        return _run(words)


def _run(words: list[str]) -> int:
    try:
        args = build_parser(_chosen(words), every=False).parse_args(words)
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
