"""Where extraction runs: the engine a flow asks for, behind one function.

``local`` is this machine (one process, or ``workers`` processes: :mod:`kg.extract.parallel`);
``dask`` is a Dask cluster (:mod:`kg.extract.dask_engine`), the one at ``scheduler`` or one of
``workers`` local processes started for the run. Every engine gives the same output, byte for
byte. Dask is an optional extra (``pip install 'kg-papers[dask]'``), imported only when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from kg.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from kg.extract.runs import ExtractRun
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
    papers: Iterable[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    run: ExtractRun | None = None,
) -> Iterator[T]:
    """:func:`kg.extract.extract_chunks` on ``engine``: ``reduce`` of each chunk's extractions,
    chunk by chunk, in order; ``run`` holds the options (workers, prior table, scheduler...)."""
    from kg.extract.runs import ExtractRun

    run = run or ExtractRun()
    check_engine(engine, run.scheduler)
    if engine == LOCAL:
        from kg.extract.parallel import extract_streamed

        return extract_streamed(papers, reduce, run)
    from kg.extract.dask_engine import extract_on_dask

    return extract_on_dask(papers, reduce, run)
