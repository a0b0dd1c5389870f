"""Papers kept on disk while a corpus is read: in memory only an offset per paper.

A streaming build reads its inputs once, into a file of the run's scratch folder; the
extraction passes and the graph writers then read the papers back in order, a chunk at a time.
Merging repeated papers and joining abstracts change a kept paper: the changed copy is appended
and the paper's offset moved to it (the old bytes are dead weight, removed with the folder).
"""

from __future__ import annotations

import contextlib
import pickle
import weakref
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, overload

from kg.models import Paper

PAPERS_FILE = "papers.pickle"


def _close(handle: IO[bytes]) -> None:
    """Close a scratch file; what it could not flush (a full disk) was already reported by the
    write that failed, and the file is deleted with its folder."""
    with contextlib.suppress(OSError):
        handle.close()


class SpilledPapers(Sequence[Paper]):
    """A sequence of papers in one file; ``store[slot] = paper`` replaces one."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / PAPERS_FILE
        self._file = open(self.path, "w+b")  # noqa: SIM115  # closed by close()
        self._closer = weakref.finalize(self, _close, self._file)  # or when dropped
        self._offsets = array("q")
        self._sizes = array("l")
        self._empty = bytearray()  # 1 for a paper without an abstract
        self._end = 0
        self._last: tuple[int, Paper] | None = None  # the paper last written or read

    def append(self, paper: Paper) -> int:
        """Keep ``paper``; returns its slot."""
        self._offsets.append(0)
        self._sizes.append(0)
        self._empty.append(0)
        slot = len(self._offsets) - 1
        self[slot] = paper
        return slot

    def __setitem__(self, slot: int, paper: Paper) -> None:
        data = pickle.dumps(paper, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        self._offsets[slot], self._sizes[slot] = self._end, len(data)
        self._empty[slot] = not paper.abstract
        self._end += len(data)
        self._last = (slot, paper)

    @overload
    def __getitem__(self, slot: int) -> Paper: ...
    @overload
    def __getitem__(self, slot: slice) -> Sequence[Paper]: ...
    def __getitem__(self, slot: int | slice) -> Paper | Sequence[Paper]:
        if isinstance(slot, slice):
            return [self[i] for i in range(len(self))[slot]]
        if slot < 0:
            slot += len(self)
        if self._last is not None and self._last[0] == slot:
            return self._last[1]
        self._file.seek(self._offsets[slot])
        paper: Paper = pickle.loads(self._file.read(self._sizes[slot]))
        self._last = (slot, paper)
        return paper

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[Paper]:
        """The papers in slot order, each a fresh copy read from the file."""
        self._file.flush()
        with open(self.path, "rb") as reader:  # a reader of its own: iterations may overlap
            for offset, size in zip(self._offsets, self._sizes, strict=True):
                reader.seek(offset)
                yield pickle.loads(reader.read(size))

    def without_abstract(self) -> int:
        return sum(self._empty)

    def close(self) -> None:
        self._closer()
        self._last = None
