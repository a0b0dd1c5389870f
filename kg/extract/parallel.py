"""Extraction in several processes: both per-paper steps are shared out, the reduce stays here.

Papers go to the workers in chunks, in order; each worker returns the chunk's hints and its
part of the name table. The parts are merged in chunk order, which gives the table one process
would build, and the table is handed to each worker once, through a file. The findings step
then runs in the workers too, and results come back in paper order, so the output is the same
for any number of workers.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import tempfile
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from kg.extract.hints import PaperHints
from kg.extract.table import NameTable
from kg.models import Paper, PaperExtraction

CHUNK = 256

_extractor: object = None  # this worker's Extractor (a global: it lives as long as the process)
_table: tuple[str, NameTable] | None = None


def _init(config: object) -> None:
    from kg.extract import Extractor

    global _extractor
    if _extractor is None:  # a forked worker inherits the parent's
        _extractor = Extractor(config)  # type: ignore[arg-type]


def _worker() -> object:
    assert _extractor is not None, "worker not initialised"
    return _extractor


def _hints_chunk(texts: list[str]) -> tuple[list[PaperHints], NameTable]:
    from kg.extract import Extractor

    extractor = _worker()
    assert isinstance(extractor, Extractor)
    hints = list(extractor.hints(texts))
    return hints, extractor.table(hints)


def _findings_chunk(
    job: tuple[str, list[Paper], list[PaperHints]],
) -> list[PaperExtraction]:
    from kg.extract import Extractor

    global _table
    table_path, papers, hints = job
    if _table is None or _table[0] != table_path:
        with open(table_path, "rb") as handle:
            _table = (table_path, pickle.load(handle))
    extractor = _worker()
    assert isinstance(extractor, Extractor)
    return [extractor.findings(p, h, _table[1]) for p, h in zip(papers, hints, strict=True)]


def _chunks(papers: Sequence[Paper]) -> Iterator[list[Paper]]:
    iterator = iter(papers)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux): workers start at once and share the built pipeline."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def extract_in_processes(
    papers: Sequence[Paper], config: object, workers: int
) -> Iterator[PaperExtraction]:
    """:func:`kg.extract.extract_papers` in ``workers`` processes."""
    from kg.extract import Extractor

    global _extractor
    context = _context()
    if context.get_start_method() == "fork":
        _extractor = Extractor(config)  # type: ignore[arg-type]  # built once, inherited
    try:
        with context.Pool(workers, initializer=_init, initargs=(config,)) as pool:
            table = NameTable()
            hints: list[list[PaperHints]] = []
            for chunk_hints, part in pool.imap(
                _hints_chunk, ([p.text for p in chunk] for chunk in _chunks(papers))
            ):
                hints.append(chunk_hints)
                table.merge(part)
            with tempfile.TemporaryDirectory(prefix="kg-table-") as folder:
                table_path = Path(folder) / "names.pickle"
                with open(table_path, "wb") as handle:
                    pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
                jobs = (
                    (str(table_path), chunk, hints[index])
                    for index, chunk in enumerate(_chunks(papers))
                )
                for extractions in pool.imap(_findings_chunk, jobs):
                    yield from extractions
    finally:
        _extractor = None
