"""Extraction streamed chunk by chunk, in this process or in several: bounded memory.

Papers are read a chunk at a time. Pass 1: for each chunk a worker computes the hints, spills
the chunk's papers with their hints to a shard of the run's scratch folder, and returns only
its part of the name table. The parts are merged in chunk order, which gives the table one
process would build; the label it gives each name (:meth:`NameTable.settled`) is written to the
scratch folder and read by each worker once. Pass 2:
each chunk is read back from its shard (removed once read) and its findings made, with the
caller's ``reduce`` of the chunk's extractions; results come back in chunk order, so the output
is the same for any number of workers and any chunk size. At most a few chunks per worker are
in flight, so memory holds the name table and those chunks, whatever the corpus's size; the
scratch folder is removed at the end, and when the run fails.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from kg.collector import collector_paused
from kg.extract.hints import PaperHints
from kg.extract.runs import CHUNK, ExtractRun, chunks_of
from kg.extract.table import NameTable, SettledNames
from kg.models import Paper, PaperExtraction

if TYPE_CHECKING:
    from kg.extract import ExtractConfig, Extractor

T = TypeVar("T")
U = TypeVar("U")
TABLE_FILE = "names.pickle"
IN_FLIGHT = 2  # chunks per worker handed out ahead: keeps workers busy, memory bounded

__all__ = ["CHUNK", "extract_streamed"]

# the worker's own state: its extractor (with its config and the chunks it has run), and the
# name table with the file it was read from
_extractor: Extractor | None = None
_config: ExtractConfig | None = None
_chunks_run = 0
_table: tuple[Path, SettledNames] | None = None

RENEW_EVERY = 64
"""Chunks a pipeline tokenizes before it is built anew. spaCy's vocabulary and tokenizer cache
keep every distinct token they have seen, which on a corpus of a million abstracts is
gigabytes per process; a new pipeline starts empty and reuses the memory the old one freed, so
a worker's memory stays flat. Building one, and seeing the common words anew, takes a second
or so, against minutes for 64 chunks. Only the hints pass tokenizes: the findings pass reads
the hints and the gazetteer, so its chunks do not count. The output does not depend on it
(tested)."""


HELD = (signal.SIGINT, signal.SIGTERM)
"""The signals that end a run: held back while the workers are forked (see :func:`_pool`)."""

# while a pool is being made: the handlers of HELD it replaced (None: no pool being made)
_replaced: dict[int, Any] | None = None


def _init(config: ExtractConfig) -> None:
    """Build this worker's own pipeline. (A forked worker could inherit the parent's, but the
    two workers then share its pages copy-on-write and run at half speed: measured.)"""
    from kg.extract import Extractor

    global _extractor, _config, _chunks_run, _table
    _extractor, _table = None, None  # the old pipeline's memory is freed before the new one
    _extractor, _config, _chunks_run = Extractor(config), config, 0


def _handlers_in_child() -> None:
    """A worker forked while the parent held the signals back starts with the parent's own
    handlers, except that a Python SIGTERM handler becomes the default: a worker must end by
    the signal itself when its pool terminates it (it may be blocked in C code)."""
    if _replaced is None:
        return
    for signum, handler in _replaced.items():
        if signum == signal.SIGTERM and callable(handler):
            handler = signal.SIG_DFL
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_handlers_in_child)


def _worker(tokenizes: bool = True) -> Extractor:
    """This worker's pipeline for the next chunk: built anew every :data:`RENEW_EVERY` chunks
    it ``tokenizes``."""
    global _chunks_run, _table
    assert _config is not None, "worker not initialised"
    if tokenizes:
        if _chunks_run >= RENEW_EVERY:
            table = _table  # the name table does not grow with the tokens seen: kept
            _init(_config)
            _table = table
        _chunks_run += 1
    assert _extractor is not None
    return _extractor


def _chunk_file(folder: str, index: int) -> Path:
    return Path(folder) / f"chunk-{index:07d}.pickle"


def _hints_chunk(job: tuple[str, int, list[Paper]]) -> NameTable:
    """Pass 1 for one chunk: its hints spilled with its papers; its part of the name table."""
    folder, index, papers = job
    extractor = _worker()
    hints = list(extractor.hints(paper.text for paper in papers))
    with open(_chunk_file(folder, index), "wb") as handle:
        pickle.dump((papers, [h.plain() for h in hints]), handle, pickle.HIGHEST_PROTOCOL)
    return extractor.table(hints)


def _findings_chunk(job: tuple[str, int, Callable[[list[PaperExtraction]], Any]]) -> Any:
    """Pass 2 for one chunk, read back from its shard (removed once read), then ``reduce``."""
    global _table
    folder, index, reduce = job
    table_path = Path(folder) / TABLE_FILE
    if _table is None or _table[0] != table_path:
        with open(table_path, "rb") as handle:
            _table = (table_path, pickle.load(handle))
    path = _chunk_file(folder, index)
    with open(path, "rb") as handle:
        papers, plain = pickle.load(handle)
    path.unlink()
    papers_: list[Paper] = papers
    hints = [PaperHints.from_plain(data) for data in plain]
    found = list(_worker(tokenizes=False).findings_of(papers_, hints, _table[1]))
    with collector_paused():  # the reduce too makes many small objects and no cycles
        return reduce(found)


def _context() -> BaseContext:
    """Fork where it is safe (Linux): workers start at once, with the modules already imported."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@contextmanager
def _pool(workers: int, config: ExtractConfig) -> Iterator[Pool]:
    """A pool of ``workers`` processes, terminated on leaving.

    Ctrl-C or SIGTERM while the workers are being forked would be lost: Python may run its
    handler inside the fork hooks, which swallow the exception. So while the pool is made the
    two only note that they came; once the pool is whole, inside its ``with``, the handlers
    are put back and a noted signal is raised again, so it interrupts the run (and the pool
    is terminated) as at any other moment. (Signal handlers belong to the main thread: from
    another thread the pool is made as it is.)
    """
    global _replaced
    if threading.current_thread() is not threading.main_thread():
        with _context().Pool(workers, initializer=_init, initargs=(config,)) as pool:
            yield pool
        return
    came: list[int] = []

    def note(signum: int, _frame: FrameType | None) -> None:
        came.append(signum)

    replaced: dict[int, Any] = {signum: signal.signal(signum, note) for signum in HELD}
    _replaced = replaced
    try:
        made = _context().Pool(workers, initializer=_init, initargs=(config,))
    except BaseException:
        _put_back(replaced)
        raise
    with made as pool:
        _put_back(replaced)
        if came:  # delivered now, with the pool whole: its with-block terminates it
            signal.raise_signal(came[0])
        yield pool


Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]


def _bounded(pool: Pool, window: int) -> Mapper:
    """``pool``'s ordered map that takes a job only when fewer than ``window`` are out
    (``Pool.imap`` would read every job, so every chunk, into memory at once)."""

    def mapped(function: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        out: deque[AsyncResult[Any]] = deque()
        for job in jobs:
            out.append(pool.apply_async(function, (job,)))
            if len(out) >= window:
                yield out.popleft().get()
        while out:
            yield out.popleft().get()

    return mapped


@contextmanager
def _mapper(config: ExtractConfig, workers: int) -> Iterator[Mapper]:
    """An ordered, lazy map over ``workers`` processes, or in this one (``workers`` = 1)."""
    global _extractor, _config, _table
    if workers > 1:
        with _pool(workers, config) as pool:
            yield _bounded(pool, workers * IN_FLIGHT)
        return
    _init(config)
    try:
        yield map
    finally:
        _extractor, _config, _table = None, None, None


def _workers_for(papers: Iterable[Paper], run: ExtractRun) -> int:
    """A process per chunk at most."""
    if isinstance(papers, Sized):
        return max(1, min(run.workers, -(-len(papers) // run.chunk_size)))
    return max(1, run.workers)


def _put_back(replaced: dict[int, Any]) -> None:
    global _replaced
    _replaced = None
    for signum, handler in replaced.items():
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def extract_streamed(
    papers: Iterable[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    run: ExtractRun,
) -> Iterator[T]:
    """:func:`kg.extract.extract_chunks`, chunk by chunk with bounded memory."""
    from kg.extract import FINDINGS_PASS, HINTS_PASS, ExtractConfig

    sizes: list[int] = []  # papers per chunk, to tell the progress display

    def jobs() -> Iterator[tuple[str, int, list[Paper]]]:
        for index, chunk in enumerate(chunks_of(papers, run.chunk_size)):
            sizes.append(len(chunk))
            yield folder, index, chunk

    if run.scratch is not None:
        run.scratch.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="kg-extract-", dir=run.scratch) as folder,
        _mapper(run.config or ExtractConfig(), _workers_for(papers, run)) as mapped,
    ):
        table = run.prior.copy() if run.prior is not None else NameTable()
        chunks = 0
        with collector_paused():  # this process passes chunks on and folds small tables
            for part in mapped(_hints_chunk, jobs()):
                table.merge(part)
                run.progressed(HINTS_PASS, sizes[chunks])
                chunks += 1
        if run.on_table is not None:
            run.on_table(table)
        with open(Path(folder) / TABLE_FILE, "wb") as handle:
            pickle.dump(table.settled(), handle, protocol=pickle.HIGHEST_PROTOCOL)
        results = mapped(_findings_chunk, ((folder, i, reduce) for i in range(chunks)))
        for index, result in enumerate(results):
            run.progressed(FINDINGS_PASS, sizes[index])
            yield result
