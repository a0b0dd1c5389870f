"""Extraction on a Dask cluster: both per-paper steps run as tasks, the reduce stays here.

The papers are cut into the chunks the local engine uses (:func:`kg.extract.runs.chunks_of`)
and scattered to the workers. Each worker builds one extraction pipeline, once, when it joins
(a worker plugin), and runs it for every chunk it is given. For each chunk a task computes the
hints, which stay on the worker, and a second task the chunk's part of the name table, which
comes back. The parts are folded in chunk order (:meth:`NameTable.merge` is order-sensitive:
the first label the corpus gives a name wins), which gives the table one process would build;
the table is sent to every worker once, and a third task per chunk makes the findings from the
chunk's papers and hints, with the caller's ``reduce``. Results come back in chunk order, so
the output is the one of the local engine, byte for byte.

Only the papers and what ``reduce`` returns cross between this process and the cluster: inputs
are read and outputs written here. What the workers read themselves are the pipeline's files
(``--gazetteer``, ``--extract-config``, ``--model``), so those paths must exist on every worker.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, TypeVar

import dask
from dask.utils import parse_timedelta
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, get_worker
from distributed.comm.core import connect

from kg.collector import collector_paused
from kg.errors import ConfigError
from kg.extract.hints import PaperHints
from kg.extract.runs import ExtractRun, chunks_of
from kg.extract.table import NameTable, SettledNames
from kg.models import Paper, PaperExtraction

if TYPE_CHECKING:
    from distributed import Worker

    from kg.extract import ExtractConfig, Extractor

T = TypeVar("T")
PLUGIN_PREFIX = "kg-extractor-"


class ExtractorPlugin(WorkerPlugin):
    """Builds a worker's extraction pipeline once, when the worker joins the cluster.

    Tasks on one worker share the pipeline under a lock: the pipeline and the cycle collector's
    pause are not made for threads, so a worker with several threads runs one chunk at a time
    (run workers with one thread each, and as many processes as there are cores).
    """

    def __init__(self, config: ExtractConfig) -> None:
        self.config = config
        self.name = PLUGIN_PREFIX + _digest(config)
        self.extractor: Extractor | None = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "name": self.name}  # the pipeline is built where it runs

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config, self.name = state["config"], state["name"]
        self.extractor, self.lock = None, threading.Lock()

    def setup(self, worker: Worker) -> None:
        from kg.extract import Extractor

        self.extractor = Extractor(self.config)

    def teardown(self, worker: Worker) -> None:
        self.extractor = None  # the run is over: a long-lived worker gets the memory back


def _digest(config: ExtractConfig) -> str:
    import hashlib

    return hashlib.sha256(config.model_dump_json().encode()).hexdigest()[:16]


@contextmanager
def _pipeline(name: str) -> Iterator[Extractor]:
    """This worker's pipeline for the plugin ``name``, held for the block."""
    plugin = get_worker().plugins[name]
    assert isinstance(plugin, ExtractorPlugin) and plugin.extractor is not None
    with plugin.lock:
        yield plugin.extractor


def _hints_chunk(name: str, papers: list[Paper]) -> list[PaperHints]:
    """Step 1 for one chunk; the hints stay on the worker for step 3."""
    with _pipeline(name) as extractor:
        return list(extractor.hints(paper.text for paper in papers))


def _table_part(name: str, hints: list[PaperHints]) -> NameTable:
    """Step 2 for one chunk: its part of the name table (the only part of step 1 sent back)."""
    with _pipeline(name) as extractor:
        return extractor.table(hints)


def _findings_chunk(
    name: str,
    papers: list[Paper],
    hints: list[PaperHints],
    table: SettledNames,
    reduce: Callable[[list[PaperExtraction]], Any],
) -> Any:
    """Step 3 for one chunk, then ``reduce`` of its extractions."""
    with _pipeline(name) as extractor:
        found = list(extractor.findings_of(papers, hints, table))
        with collector_paused():  # the reduce too makes many small objects and no cycles
            return reduce(found)


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a cluster of ``workers`` local worker
    processes (one thread each) started for the block and closed after it."""
    if scheduler is None:
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                # what goes wrong reaches this process as the task's error, printed once
                silence_logs=logging.CRITICAL,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        _knock(scheduler)
        client = Client(scheduler)
    except (OSError, ValueError) as exc:  # refused, timed out, or not an address at all
        raise ConfigError(
            f"cannot reach the Dask scheduler at {scheduler} ({_reason(exc)}); no output was "
            "written; start it (dask scheduler) or check the address given to --scheduler, "
            "or leave --scheduler out to run a cluster on this machine"
        ) from None
    with client:
        _await_workers(client, scheduler)
        yield client


def _knock(scheduler: str) -> None:
    """Connect to the scheduler once and hang up: fails as a client would, but leaves no
    half-made client behind (whose clean-up, when it is collected, can block a later one). In a
    thread of its own, so that it runs under a caller's event loop too."""

    async def knock() -> None:
        comm = await connect(scheduler)  # within distributed.comm.timeouts.connect
        await comm.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, knock()).result()


def _await_workers(client: Client, scheduler: str) -> None:
    """Wait (as long as Dask waits to connect) for the cluster to have a worker: without one,
    the run would wait for ever."""
    wait = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    try:
        client.wait_for_workers(1, timeout=wait)
    except TimeoutError:
        raise ConfigError(
            f"the Dask scheduler at {scheduler} has no workers (none joined within {wait:g} s); "
            f"no output was written; start some (dask worker {scheduler} --nthreads 1) and "
            "run the command again"
        ) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def extract_on_dask(
    papers: Iterable[Paper],
    reduce: Callable[[list[PaperExtraction]], T],
    run: ExtractRun,
) -> Iterator[T]:
    """:func:`kg.extract.extract_chunks` on the Dask cluster at ``run.scheduler``, or on one of
    ``run.workers`` local processes started for the run."""
    from kg.extract import ExtractConfig

    with dask_client(run.scheduler, run.workers) as client:
        plugin = ExtractorPlugin(run.config or ExtractConfig())
        try:
            client.register_plugin(plugin)  # every worker builds its pipeline, now and on joining
            yield from _run(client, plugin.name, chunks_of(papers, run.chunk_size), reduce, run)
        finally:  # a shared cluster gets its memory back (unless it is gone already)
            with suppress(Exception):
                client.unregister_worker_plugin(plugin.name)


def _run(
    client: Client,
    name: str,
    papers: Iterable[list[Paper]],
    reduce: Callable[[list[PaperExtraction]], T],
    run: ExtractRun,
) -> Iterator[T]:
    """The three steps as tasks of ``client``'s cluster, whose workers have the plugin ``name``."""
    from kg.extract import FINDINGS_PASS, HINTS_PASS

    chunks: list[Future[list[Paper]]] = []
    hints: list[Future[list[PaperHints]]] = []
    parts: list[Future[NameTable]] = []
    sizes: list[int] = []  # papers per chunk, to tell the progress display
    for chunk in papers:
        sizes.append(len(chunk))
        [scattered] = client.scatter([chunk])
        chunk_hints = client.submit(_hints_chunk, name, scattered, pure=False)
        chunks.append(scattered)
        hints.append(chunk_hints)
        parts.append(client.submit(_table_part, name, chunk_hints, pure=False))
    table = run.prior.copy() if run.prior is not None else NameTable()
    for index, part in enumerate(parts):  # a fold in chunk order: the corpus's first labels
        table.merge(_result(part, f"reading chunk {index} of {len(parts)}"))
        part.release()
        run.progressed(HINTS_PASS, sizes[index])
    if run.on_table is not None:
        run.on_table(table)
    if not chunks:
        return
    [shared] = client.scatter([table.settled()], broadcast=True)
    results = [
        client.submit(_findings_chunk, name, chunk, chunk_hints, shared, reduce, pure=False)
        for chunk, chunk_hints in zip(chunks, hints, strict=True)
    ]
    del chunks, hints  # each chunk's papers and hints are freed once its findings are made
    for index, result in enumerate(results):
        done = _result(result, f"extracting chunk {index} of {len(results)}")
        result.release()
        run.progressed(FINDINGS_PASS, sizes[index])
        yield done


def _result(future: Future[T], doing: str) -> T:
    """The task's result; a worker that died running it (Dask has tried it again on others
    first) is an error that says what to do."""
    try:
        return future.result()
    except KilledWorker as exc:
        raise ConfigError(
            f"a Dask worker died {doing} ({exc}); no output was written; the workers' logs "
            "say why, most often memory: give each worker more (dask worker --memory-limit) or "
            "start more workers"
        ) from None
