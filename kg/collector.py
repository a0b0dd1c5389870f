"""The one hand-made speed-up kept: Python's cycle collector paused while a step runs.

Reading inputs and extraction make millions of small objects and no reference cycles, while
the papers and the hints of a whole corpus stay alive between steps; the collector would
otherwise scan every live object again and again as new ones pile up, and free nothing.
``scripts/bench_extract.py`` and ``scripts/bench_ingest.py`` measure what the pause saves
(``PAUSE = False`` is the plain path), and tests check that results are the same without it.
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
