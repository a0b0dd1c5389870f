"""What one extraction run is given besides the papers, and how it cuts them into chunks.

Every engine takes the same :class:`ExtractRun` and cuts the papers with :func:`chunks_of`,
so a chunk is the same papers whichever engine runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract import ExtractConfig
    from kg.extract.table import NameTable
    from kg.models import Paper

CHUNK = 256
"""Papers per chunk: the unit a worker takes, spills and hands back."""


@dataclass(frozen=True)
class ExtractRun:
    """The options of a run: the pipeline's ``config``, ``workers`` processes, the ``prior`` name
    table of an earlier build, ``on_table`` (given the complete table before any findings),
    the Dask ``scheduler``, the ``scratch`` folder the chunk shards go under (default: the
    system's temporary folder), the ``chunk_size``, and ``on_progress``, told ``(pass,
    papers)`` as each chunk is through a pass, in chunk order (a progress display; on Dask,
    as each chunk's result reaches this process)."""

    config: ExtractConfig | None = None
    workers: int = 1
    prior: NameTable | None = None
    on_table: Callable[[NameTable], None] | None = None
    scheduler: str | None = None
    scratch: Path | None = None
    chunk_size: int = CHUNK
    on_progress: Callable[[str, int], None] | None = None

    def progressed(self, name: str, papers: int) -> None:
        """Tell ``on_progress``, if any, that ``papers`` more are through the pass ``name``."""
        if self.on_progress is not None:
            self.on_progress(name, papers)


def chunks_of(papers: Iterable[Paper], size: int = CHUNK) -> Iterator[list[Paper]]:
    """``papers`` in lists of ``size`` (the last one shorter), read as they are needed."""
    if size < 1:
        raise ValueError("the chunk size must be at least 1")
    stream = iter(papers)
    while chunk := list(islice(stream, size)):
        yield chunk
