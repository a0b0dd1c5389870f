"""User-facing errors. Each carries a short code so messages can be looked up and grepped, and
the exit code of its kind (the table in README "When things go wrong")."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2
"""Options or arguments that do not go together (argparse uses 2 as well)."""
EXIT_INPUT = 3
"""An input (file, query, configuration) is missing or unreadable."""
EXIT_OUTPUT = 4
"""An output could not be written (disk full, permissions); earlier outputs are kept."""
EXIT_DATABASE = 5
"""The database is unreachable, refused a statement, or could not save."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (SIGINT) or SIGTERM; outputs of the interrupted run are not written."""


class KgError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(KgError):
    """An input could not be read (in ``--strict`` mode, the first bad record)."""

    code = "E001"
    exit_code = EXIT_INPUT


class OutputError(KgError):
    """An output path cannot be written or an expected output is missing."""

    code = "E002"
    exit_code = EXIT_OUTPUT


class ConfigError(KgError):
    """A configuration file, gazetteer or model option is unusable."""

    code = "E003"
    exit_code = EXIT_INPUT


class StoreError(KgError):
    """The graph database is unreachable or rejected a statement."""

    code = "E004"
    exit_code = EXIT_DATABASE


class UsageError(KgError):
    """Options or arguments that do not fit together."""

    code = "E005"
    exit_code = EXIT_USAGE


def free_space(path: str | os.PathLike[str]) -> str:
    """``"12.3 MB free on /mount"`` for the file system holding ``path`` (or its nearest
    existing parent); empty when it cannot be told."""
    where = Path(os.path.abspath(path))
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        usage = shutil.disk_usage(where)
    except OSError:
        return ""
    mount = where
    while not os.path.ismount(mount) and mount != mount.parent:
        mount = mount.parent
    return f"{_size(usage.free)} free on {mount}"


def _size(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"


def write_failure(path: str | os.PathLike[str], exc: OSError, kept: str = "") -> OutputError:
    """The :class:`OutputError` for ``exc`` met writing ``path``: what, where, what to do."""
    import errno

    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        space = free_space(path)
        todo = f"the disk is full ({space}); free some space and run the command again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        todo = "choose a folder you can write to, or fix its permissions"
    else:
        todo = "check the path and run the command again"
    note = f"; {kept}" if kept else ""
    return OutputError(f"cannot write {path}: {reason}{note}; {todo}")
