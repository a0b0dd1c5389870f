"""Where extraction runs: the engine a flow asks for, behind one function.

``local`` is this machine (one process, or ``workers`` processes: :mod:`kg.extract.parallel`);
``dask`` is a Dask cluster (:mod:`kg.extract.dask_engine`), the one at ``scheduler`` or one of
``workers`` local processes started for the run. Every engine gives the same output, byte for
byte. Dask is an optional extra (``pip install 'kg-papers[dask]'``), imported only when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from kg.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from kg.extract import ExtractConfig, NameTable, OnProgress
    from kg.models import Paper, PaperExtraction

T = TypeVar("T")
LOCAL = "local"
DASK = "dask"
ENGINES = (LOCAL, DASK)


def check_engine(engine: str, scheduler: str | None = None) -> None:
    """Stop before anything is read when the engine cannot run: unknown, given a scheduler it
    does not use, or Dask asked for and not installed."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if scheduler is not None and engine != DASK:
        raise UsageError("--scheduler goes with --engine dask")
    if engine == DASK:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ConfigError(
                "--engine dask needs Dask's distributed scheduler, which is not installed; "
                "install it with pip install 'kg-papers[dask]', or use --engine local"
            ) from None


def extract_with(
    engine: str,
    papers: Sequence[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    config: ExtractConfig | None = None,
    workers: int = 1,
    prior: NameTable | None = None,
    on_table: Callable[[NameTable], None] | None = None,
    scheduler: str | None = None,
    on_progress: OnProgress | None = None,
) -> Iterator[T]:
    """:func:`kg.extract.extract_chunks` on ``engine``: ``reduce`` of each chunk's extractions,
    chunk by chunk, in order (``scheduler``: the Dask scheduler's address). ``on_progress``
    hears of each pass's papers on the local engine; Dask shows its own dashboard."""
    from kg.extract import ExtractConfig, extract_chunks

    check_engine(engine, scheduler)
    if engine == LOCAL:
        return extract_chunks(papers, reduce, config, workers, prior, on_table, on_progress)
    from kg.extract.dask_engine import extract_on_dask

    return extract_on_dask(
        papers, reduce, config or ExtractConfig(), workers, prior, on_table, scheduler
    )
