"""Extraction streamed chunk by chunk, in this process or in several: bounded memory.

Papers are read a chunk at a time. Pass 1: for each chunk a worker computes the hints, spills
the chunk's papers with their hints to a shard of the run's scratch folder, and returns only
its part of the name table. The parts are merged in chunk order, which gives the table one
process would build; it is written to the scratch folder and read by each worker once. Pass 2:
each chunk is read back from its shard (removed once read) and its findings made, with the
caller's ``reduce`` of the chunk's extractions; results come back in chunk order, so the output
is the same for any number of workers and any chunk size. At most a few chunks per worker are
in flight, so memory holds the name table and those chunks, whatever the corpus's size; the
scratch folder is removed at the end, and when the run fails.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kg.collector import collector_paused
from kg.extract.hints import PaperHints
from kg.extract.runs import CHUNK, ExtractRun, chunks_of
from kg.extract.table import NameTable
from kg.models import Paper, PaperExtraction

if TYPE_CHECKING:
    from kg.extract import ExtractConfig, Extractor

T = TypeVar("T")
U = TypeVar("U")
TABLE_FILE = "names.pickle"
IN_FLIGHT = 2  # chunks per worker handed out ahead: keeps workers busy, memory bounded

__all__ = ["CHUNK", "extract_streamed"]

# the worker's own state: its extractor, and the name table with the file it was read from
_extractor: Extractor | None = None
_table: tuple[Path, NameTable] | None = None


HELD = frozenset({signal.SIGINT, signal.SIGTERM})
"""The signals that end a run: held back while the workers are forked (see :func:`_pool`)."""


def _init(config: ExtractConfig, mask: Iterable[int] | None = None) -> None:
    """Build this worker's own pipeline, first letting through the signals the parent held
    while forking it (``mask``: the parent's signal mask before). (A forked worker could
    inherit the parent's pipeline, but the two workers then share its pages copy-on-write and
    run at half speed: measured.)"""
    from kg.extract import Extractor

    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    global _extractor, _table
    _extractor, _table = Extractor(config), None


def _worker() -> Extractor:
    assert _extractor is not None, "worker not initialised"
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
    return reduce(list(_worker().findings_of(papers_, hints, _table[1])))


def _context() -> BaseContext:
    """Fork where it is safe (Linux): workers start at once, with the modules already imported."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _set_mask(mask: Iterable[int]) -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


@contextmanager
def _pool(workers: int, config: ExtractConfig) -> Iterator[Pool]:
    """A pool of ``workers`` processes, terminated on leaving.

    Ctrl-C or SIGTERM while the workers are being forked would interrupt the pool half made,
    its workers orphaned. So the two are held back (blocked) until the pool is whole, then let
    through inside the pool's ``with``: a signal that came meanwhile is delivered then, as
    ``KeyboardInterrupt``, and the pool is terminated like at any other moment. Each worker
    unblocks them as it starts (:func:`_init`); it inherited the mask, not the pending signal.
    """
    if not hasattr(signal, "pthread_sigmask"):  # not POSIX: nothing to hold
        with _context().Pool(workers, initializer=_init, initargs=(config,)) as pool:
            yield pool
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        made = _context().Pool(workers, initializer=_init, initargs=(config, before))
    except BaseException:
        _set_mask(before)
        raise
    with made as pool:
        _set_mask(before)  # a signal held back is delivered here, with the pool whole
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
    global _extractor, _table
    if workers > 1:
        with _pool(workers, config) as pool:
            yield _bounded(pool, workers * IN_FLIGHT)
        return
    _init(config)
    try:
        yield map
    finally:
        _extractor, _table = None, None


def _workers_for(papers: Iterable[Paper], run: ExtractRun) -> int:
    """A process per chunk at most."""
    if isinstance(papers, Sized):
        return max(1, min(run.workers, -(-len(papers) // run.chunk_size)))
    return max(1, run.workers)


def extract_streamed(
    papers: Iterable[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    run: ExtractRun,
) -> Iterator[T]:
    """:func:`kg.extract.extract_chunks`, chunk by chunk with bounded memory."""
    from kg.extract import FINDINGS_PASS, HINTS_PASS, ExtractConfig

    sizes: list[int] = []  # papers per chunk, to tell the progress display

    def told(name: str, index: int) -> None:
        if run.on_progress is not None:
            run.on_progress(name, sizes[index])

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
                told(HINTS_PASS, chunks)
                chunks += 1
        if run.on_table is not None:
            run.on_table(table)
        with open(Path(folder) / TABLE_FILE, "wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        results = mapped(_findings_chunk, ((folder, i, reduce) for i in range(chunks)))
        for index, result in enumerate(results):
            told(FINDINGS_PASS, index)
            yield result
