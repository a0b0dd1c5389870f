"""``--quiet`` and the progress display of the commands that run for long."""

from __future__ import annotations

import argparse
import sys

from kg.progress import Progress


def add_quiet_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress and no time per stage on stderr (errors are still printed)",
    )


def progress_for(args: argparse.Namespace) -> Progress:
    """The progress display of a run: live on a terminal, the stage times at the end, nothing
    with ``--quiet``."""
    return Progress(enabled=not getattr(args, "quiet", False), stream=sys.stderr)
