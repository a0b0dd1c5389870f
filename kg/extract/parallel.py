"""Extraction in several processes: both per-paper steps are shared out, the reduce stays here.

Papers go to the workers in chunks, in order; each worker returns the chunk's hints and its
part of the name table. The parts are merged in chunk order, which gives the table one process
would build, and the table is handed to each worker once, through a file. The findings step
then runs in the workers too, with the caller's ``reduce`` of each chunk's extractions, and the
results come back in chunk order, so the output is the same for any number of workers.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kg.extract.batching import batches
from kg.extract.hints import PaperHints
from kg.extract.table import NameTable
from kg.models import Paper, PaperExtraction

if TYPE_CHECKING:
    from kg.extract import ExtractConfig, Extractor

T = TypeVar("T")
CHUNK = 256

# the worker's own state: its extractor, and the name table with the file it was read from
_extractor: Extractor | None = None
_table: tuple[str, NameTable] | None = None


def _init(config: ExtractConfig) -> None:
    """Build this worker's own pipeline. (A forked worker could inherit the parent's, but the
    two workers then share its pages copy-on-write and run at half speed: measured.)"""
    from kg.extract import Extractor

    global _extractor
    _extractor = Extractor(config)


def _worker() -> Extractor:
    assert _extractor is not None, "worker not initialised"
    return _extractor


def _hints_chunk(texts: list[str]) -> tuple[list[PaperHints], NameTable]:
    extractor = _worker()
    hints = list(extractor.hints(texts))
    return hints, extractor.table(hints)


def _findings_chunk(job: tuple[str, list[Paper], list[PaperHints], Callable[..., Any]]) -> Any:
    global _table
    table_path, papers, hints, reduce = job
    if _table is None or _table[0] != table_path:
        with open(table_path, "rb") as handle:
            _table = (table_path, pickle.load(handle))
    return reduce(list(_worker().findings_of(papers, hints, _table[1])))


def _context() -> BaseContext:
    """Fork where it is safe (Linux): workers start at once, with the modules already imported."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def extract_in_processes(
    papers: Sequence[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    config: ExtractConfig,
    workers: int,
    prior: NameTable | None = None,
    on_table: Callable[[NameTable], None] | None = None,
) -> Iterator[T]:
    """:func:`kg.extract.extract_chunks` in ``workers`` processes."""
    with _context().Pool(workers, initializer=_init, initargs=(config,)) as pool:
        table = prior.copy() if prior is not None else NameTable()
        hints: list[list[PaperHints]] = []
        texts = ([paper.text for paper in chunk] for chunk in batches(papers, CHUNK))
        for chunk_hints, part in pool.imap(_hints_chunk, texts):
            hints.append(chunk_hints)
            table.merge(part)
        if on_table is not None:
            on_table(table)
        with tempfile.TemporaryDirectory(prefix="kg-names-") as folder:
            table_path = Path(folder) / "names.pickle"
            with open(table_path, "wb") as handle:
                pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
            hints.reverse()  # each chunk's hints are dropped here once sent
            jobs = (
                (str(table_path), chunk, hints.pop(), reduce) for chunk in batches(papers, CHUNK)
            )
            yield from pool.imap(_findings_chunk, jobs)
