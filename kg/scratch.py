"""Scratch folders of a build: removed at the end and on failure, and, since a ``kill -9``
leaves no chance to do that, swept by the next build. A folder in use holds a lock on its
``lock`` file, so a sweep never removes the folder of a build that is still running."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCRATCH_PREFIX = ".kg-scratch-"
"""The scratch folder of a build in its out dir (removed at the end, and when it fails)."""

LOCK_NAME = "lock"


def sweep_stale(out: Path) -> list[Path]:
    """Remove the scratch folders in ``out`` that no running build holds; returns them."""
    swept: list[Path] = []
    for folder in sorted(out.glob(SCRATCH_PREFIX + "*")):
        if not folder.is_dir():
            continue
        try:
            handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            continue  # not ours to judge
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a running build holds it
        finally:
            os.close(handle)  # closing drops a lock we took
        shutil.rmtree(folder, ignore_errors=True)
        swept.append(folder)
    return swept


@contextmanager
def scratch_folder(out: Path) -> Iterator[Path]:
    """A new scratch folder in ``out``, locked while in use and removed on leaving."""
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=out) as name:
        folder = Path(name)
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield folder
        finally:
            os.close(handle)
