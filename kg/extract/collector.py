"""The one speed-up kept in extraction: Python's cycle collector paused while a step runs.

Extraction makes millions of small objects and no reference cycles, while the hints of a whole
corpus stay alive between its steps; the collector would otherwise scan every live hint again
and again as new objects pile up. ``scripts/bench_extract.py`` measures what the pause
saves, and a test checks that results are the same with the collector running.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

PAUSE = True  # False runs the plain path (the benchmark and the equality test switch it)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (it resumes as it was)."""
    if not PAUSE:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
