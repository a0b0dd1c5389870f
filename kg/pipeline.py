"""The flows of the product, each a function: build (ingest -> extract -> resolve -> graph ->
files), extract, load, query and stats.

Each step hands typed records to the next; the CLI only parses arguments and prints, and the
Python API (``kg.build``, ``kg.extract``, ...) calls these functions.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, OutputError, UsageError
from kg.scratch import SCRATCH_PREFIX, scratch_folder, sweep_stale

if TYPE_CHECKING:  # each flow imports the stages it runs: the store brings database clients,
    # extraction spaCy, the graph NetworkX and the models pydantic, so that kg query, which
    # needs only the store, starts quickly
    import networkx as nx

    from kg.extract import ExtractConfig, NameTable
    from kg.graph import GraphStats
    from kg.graph.spilled_tables import SpilledTable
    from kg.graph.streamed import ChunkRows
    from kg.ingest.filters import RecordFilter
    from kg.models import IngestReport, PaperExtraction, Problem
    from kg.progress import Progress as Stages
    from kg.resolve import Resolver
    from kg.store import LoadSummary, QueryResult

NETWORKX_LIMIT = 50_000
"""Papers up to which a build also makes its NetworkX graph by default (about 1 GB of graph);
above, the files are written straight from the rows on disk."""
EXTRACTIONS_NAME = "extractions.jsonl"
REPORT_NAME = "report.json"
NAMES_NAME = "names.json"

OnProblem = Callable[["Problem"], None]


@dataclass
class ExtractResult:
    """The ingest report and an iterator of extractions, made as they are read."""

    report: IngestReport
    extractions: Iterator[PaperExtraction]


class NoPapers(InputError):
    """No paper could be read from the inputs; nothing was written."""

    def __init__(self, report: IngestReport, out_dir: Path) -> None:
        super().__init__(
            "no papers could be read from the inputs (see the messages above); "
            f"nothing in {out_dir} was changed; check the input files and their --format"
        )
        self.report = report


@dataclass
class BuildResult:
    """What a build wrote; ``graph`` is None when it was too big for NetworkX (``networkx``);
    ``stats`` (up to 10 ranked per label) are those of the graph either way."""

    report: IngestReport
    graph: nx.MultiDiGraph | None
    out_dir: Path
    stats: GraphStats


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_inputs(
    inputs: Sequence[str],
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    on_problem: OnProblem | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> ExtractResult:
    """Read the inputs; extract every paper (lazily, in paper order) in ``workers`` processes
    (or on the engine named, see :mod:`kg.extract.engines`)."""
    from kg.extract.engines import check_engine, extract_with
    from kg.extract.runs import ExtractRun
    from kg.ingest import read_inputs

    check_engine(engine, scheduler)
    papers, report = read_inputs(inputs, fmt=fmt, strict=strict, on_problem=on_problem)
    run = ExtractRun(config=config, workers=workers, scheduler=scheduler)
    chunks = extract_with(engine, papers, list, run)
    return ExtractResult(report=report, extractions=chain.from_iterable(chunks))


def extraction_lines(extractions: list[PaperExtraction]) -> str:
    """The extraction records of a chunk of papers as JSON Lines text."""
    from kg.export import extraction_line

    return "".join(extraction_line(extraction) + "\n" for extraction in extractions)


def lines_and_resolver(
    extractions: list[PaperExtraction],
) -> tuple[str, Resolver, ChunkRows]:
    """A chunk's JSON Lines, its entities (a resolver, merged in order into the corpus's) and
    its graph rows: what a build needs of each chunk, small enough to come back from a worker
    process, and made there."""
    from kg.graph.streamed import ChunkRows
    from kg.resolve import Resolver

    chunk = Resolver()
    for extraction in extractions:
        chunk.add(extraction)
    entities = Resolver()
    results, relations = entities.take(chunk)  # the entities stay, the rest becomes rows
    return extraction_lines(extractions), entities, ChunkRows.of(results, relations)


def extract_totals(papers: int) -> dict[str, int | None]:
    """The papers each extraction pass goes through, for a progress display."""
    from kg.extract import FINDINGS_PASS, HINTS_PASS

    return {HINTS_PASS: papers, FINDINGS_PASS: papers}


def graph_from_extractions(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    """Resolve findings across papers and assemble the graph."""
    from kg.graph import build_graph
    from kg.resolve import Resolver

    resolver = Resolver()
    papers = []
    for extraction in extractions:
        resolver.add(extraction)
        papers.append(extraction.paper)
    return build_graph(papers, resolver.entities(), resolver.relations())


def build(
    inputs: Sequence[str],
    out_dir: str | Path,
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    on_problem: OnProblem | None = None,
    workers: int = 1,
    filters: RecordFilter | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    networkx: bool | None = None,
    chunk_size: int | None = None,
    progress: Stages | None = None,
) -> BuildResult:
    """Build the graph from ``inputs``; write GraphML, extractions and a report to ``out_dir``
    (extraction runs on ``engine``, see :mod:`kg.extract.engines`).

    The build streams (see :func:`_streamed_build`): memory grows with the corpus's distinct
    entities, not with its papers. ``networkx`` (None: only up to
    :data:`NETWORKX_LIMIT` papers) also makes the NetworkX graph, returned
    in the result; without it the GraphML is written straight from the rows on disk.
    ``progress`` is shown the stages as they run.
    """
    from kg.extract.engines import check_engine
    from kg.progress import Progress

    check_engine(engine, scheduler)
    stages = progress or Progress(enabled=False, stream=sys.stderr)
    out = Path(out_dir)
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        sweep_stale(out)  # left by a build that was killed
        with scratch_folder(out) as scratch:
            return _streamed_build(
                inputs,
                out,
                scratch,
                _Options(fmt, strict, config, on_problem, workers, filters, engine, scheduler),
                networkx,
                chunk_size,
                stages,
            )
    except NoPapers:
        if made:
            out.rmdir()  # nothing was written: the folder goes too
        raise


@dataclass(frozen=True)
class _Options:
    fmt: str | None
    strict: bool
    config: ExtractConfig | None
    on_problem: OnProblem | None
    workers: int
    filters: RecordFilter | None
    engine: str
    scheduler: str | None


def _streamed_build(
    inputs: Sequence[str],
    out: Path,
    scratch: Path,
    options: _Options,
    networkx: bool | None,
    chunk_size: int | None,
    stages: Stages,
) -> BuildResult:
    """The build in three streams over files of ``scratch``: the papers are read once into a
    file (only their dedupe keys stay in memory); extraction reads them back a chunk at a time,
    twice (:mod:`kg.extract.parallel`: hints spilled per chunk, the name table reduced from
    them, then findings), and each chunk's findings are resolved into the corpus's entities
    (:meth:`Resolver.take`), its extraction lines written out and its relations and results
    written as graph rows (:class:`~kg.graph.streamed.GraphRows`); the GraphML is then written
    from the papers, the entities and the rows."""
    from kg.export.registry import staged
    from kg.extract import ExtractRun, NameTable
    from kg.extract.engines import extract_with
    from kg.extract.runs import CHUNK
    from kg.graph import GRAPHML_NAME, graph_stats
    from kg.graph.streamed import (
        GraphRows,
        StreamedGraph,
        graph_from_rows,
        rows_stats,
    )
    from kg.graph.table_cache import install_table_cache
    from kg.ingest import read_inputs
    from kg.ingest.spill import SpilledPapers
    from kg.resolve import Resolver

    with stages.stage("read") as read:
        papers, report = read_inputs(
            inputs,
            fmt=options.fmt,
            strict=options.strict,
            on_problem=options.on_problem,
            filters=options.filters,
            spill=scratch,
        )
        read.advance(len(papers))
    rows = GraphRows(scratch)
    try:
        if report.built == 0:
            raise NoPapers(report, out)
        resolver = Resolver()
        names = [out / EXTRACTIONS_NAME, out / NAMES_NAME, out / GRAPHML_NAME, out / REPORT_NAME]
        # Written under temporary names; moved into place only when all are complete, so a
        # failed or interrupted build leaves the previous outputs of ``out`` as they were.
        with staged(names) as (extractions_tmp, names_tmp, graphml_tmp, report_tmp):
            run = ExtractRun(
                config=options.config,
                workers=options.workers,
                # the corpus name table, for later updates (kg build --update), written as
                # soon as it is whole, so that this process need not hold it for the findings
                on_table=partial(_write_table, names_tmp),
                scheduler=options.scheduler,
                scratch=scratch,
                chunk_size=chunk_size or CHUNK,
                on_progress=stages.counter(extract_totals(len(papers))),
            )
            with (
                open(extractions_tmp, "x", encoding="utf-8") as handle,
                stages.stage("extract"),  # the passes the engine tells of start their own stages
            ):
                chunks = extract_with(options.engine, papers, lines_and_resolver, run)
                for lines, part, chunk_rows in chunks:
                    handle.write(lines)  # each chunk resolved and written as it comes
                    resolver.take(part)
                    rows.add_rows(chunk_rows)
            if not names_tmp.exists():  # no table was made: no paper was extracted
                _write_table(names_tmp, NameTable())
            rows.add_entities(resolver.stream_entities())
            del resolver
            streamed = StreamedGraph(papers, rows)
            graph = None
            if networkx if networkx is not None else len(papers) <= NETWORKX_LIMIT:
                with stages.stage("resolve", unit="nodes") as resolved:
                    graph = graph_from_rows(streamed)
                    stats = graph_stats(graph)
                    resolved.advance(graph.number_of_nodes())
            else:
                stats = rows_stats(len(papers), rows, limit=10)
            rows.flush()  # all on disk before the tables' writer is forked
            report_tmp.write_text(report.model_dump_json(indent=2), encoding="utf-8")
            kept = write_graph_files(
                streamed if graph is None else graph,
                graphml_tmp,
                scratch,
                stages,
                beside=options.workers > 1,
            )
        install_table_cache(kept, out)
    finally:
        rows.close()
        if isinstance(papers, SpilledPapers):
            papers.close()
    return BuildResult(report=report, graph=graph, out_dir=out, stats=stats)


def write_graph_files(
    graph: Any, graphml: Path, scratch: Path, stages: Stages, *, beside: bool
) -> Path:
    """Write ``graph`` (a NetworkX graph or a build's streamed one) to the staged GraphML file
    ``graphml`` and its row tables (what ``kg load`` and ``kg export`` read instead of the
    XML) to a new folder of ``scratch``, which is returned. With ``beside``, the tables are
    written by a forked child while this process writes the GraphML (:mod:`kg.background`):
    the two take about as long, and each reads the files on disk on its own. Everything the
    graph reads must be flushed before: the child sees the files as they are at the fork."""
    from kg.background import in_background
    from kg.export.graphml import graphml_keys
    from kg.graph import GRAPHML_NAME, write_graphml
    from kg.graph.table_cache import CACHE_NAME, graph_table_files, seal_tables

    folder = scratch / CACHE_NAME
    keys = graphml_keys(graph)  # one pass, for the GraphML and the tables
    with in_background(partial(graph_table_files, graph, folder, keys=keys), fork=beside) as work:
        with stages.stage("write"):
            write_graphml(graph, graphml, keys=keys)
        with stages.stage("tables"):  # what is left of them once the GraphML is written
            tables = work.result()
    return seal_tables(tables, graphml, folder, GRAPHML_NAME)


def _write_table(path: Path, table: NameTable) -> None:
    """The corpus name table as JSON (what ``kg build --update`` starts from)."""
    path.write_text(json.dumps(table.plain(), ensure_ascii=False), encoding="utf-8")


LoadProgress = Callable[[int, int], None]
"""Called as ``progress(rows done, rows in all)`` while a load runs."""


@dataclass
class LoadResult:
    """What :func:`load_built_graph` loaded, from where, into which store."""

    source: Path
    store: str
    summary: LoadSummary


def load_built_graph(
    source: str | Path,
    uri: str | None = None,
    *,
    graph: str | None = None,
    batch_size: int | None = None,
    progress: LoadProgress | None = None,
    bulk: bool = True,
) -> LoadResult:
    """Load the graph of a ``kg build`` out dir (or GraphML file) into the store ``uri`` names
    (default: the embedded FalkorDB); ``graph`` names the graph in FalkorDB. A FalkorDB graph
    that does not exist yet is written by bulk commands unless ``bulk`` is false."""
    from kg.graph.graphml import graphml_path
    from kg.store import DEFAULT_BATCH_SIZE, DEFAULT_GRAPH, Batch, WriteCounts, open_store
    from kg.store.loader import load_tables

    size = DEFAULT_BATCH_SIZE if batch_size is None else batch_size
    if size < 1:
        raise InputError("the batch size must be at least 1")
    path = graphml_path(source)
    if not path.is_file():
        raise InputError(f"no graph at {path} (run 'kg build ... --out DIR' first)")
    # the file is read twice, as a stream (nodes, then edges), into checked tables on disk, and
    # the tables are loaded a batch at a time: memory stays flat whatever the graph's size
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as scratch:
        tables = _read_tables(path, Path(scratch))
        total = sum(table.count for table in tables)
        done = 0

        def advance(batch: Batch, _counts: WriteCounts) -> None:
            nonlocal done
            done += batch.size
            if progress is not None:
                progress(done, total)

        store = open_store(uri, graph or DEFAULT_GRAPH)
        try:
            summary = load_tables(store, tables, batch_size=size, on_batch=advance, bulk=bulk)
            return LoadResult(source=path, store=store.description, summary=summary)
        finally:
            store.close()


def _read_tables(path: Path, scratch: Path) -> list[SpilledTable]:
    """The checked tables of the GraphML file ``path``: those its build kept next to it while
    the file is unchanged (:mod:`kg.graph.table_cache`), else read from it into ``scratch``."""
    from kg.graph.spilled_tables import spill_graphml
    from kg.graph.table_cache import cached_tables

    kept = cached_tables(path)
    if kept is not None:
        return kept
    with _reading_graphml(path):
        return spill_graphml(path, scratch)


@contextmanager
def _reading_graphml(path: Path) -> Iterator[None]:
    """A GraphML file read as a stream: one that cannot be read is an input error naming it."""
    from xml.etree.ElementTree import ParseError

    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    try:
        yield
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (etree.XMLSyntaxError, ParseError, ValueError, KeyError) as exc:
        raise InputError(f"{path} is not a readable GraphML file: {exc}") from None


@dataclass
class ExportResult:
    """What :func:`export_built_graph` wrote."""

    source: str
    nodes: int
    relationships: int
    cleaned: int = 0
    """Characters no output can carry, cleaned from the database's values."""


def export_built_graph(
    fmt: str,
    output: str | Path,
    source: str | Path | None = None,
    *,
    from_db: bool = False,
    uri: str | None = None,
    graph: str | None = None,
) -> ExportResult:
    """Write a built graph (``source``: an out dir or GraphML file) or, with ``from_db``, the
    graph in the database, as ``fmt`` (a graph format of :mod:`kg.export`) to ``output``
    (a path, or ``-`` for standard output)."""
    from kg.export import export_graph, writer
    from kg.graph import read_built_graph

    if from_db == (source is not None):
        raise UsageError("give either OUT_DIR_OR_GRAPHML or --from-db (not both)")
    cleaned = 0
    if source is not None and writer(fmt).write_tables is not None:
        return _export_built_tables(fmt, output, source)
    if source is not None:
        exported, path = read_built_graph(source)
        where = str(path)
    else:
        from kg.store import DEFAULT_GRAPH, open_store
        from kg.store.readback import read_graph_cleaned

        store = open_store(uri, graph or DEFAULT_GRAPH)
        try:
            (exported, cleaned), where = read_graph_cleaned(store), store.description
        finally:
            store.close()
    export_graph(exported, fmt, output)
    return ExportResult(where, exported.number_of_nodes(), exported.number_of_edges(), cleaned)


def _export_built_tables(fmt: str, output: str | Path, source: str | Path) -> ExportResult:
    """A built graph exported from its row tables: the GraphML is read as a stream into checked
    tables on disk, as ``kg load`` reads it, so memory stays flat whatever the graph's size."""
    from kg.export import STDOUT, writer
    from kg.graph.graphml import graphml_path

    spec = writer(fmt)
    assert spec.write_tables is not None
    if str(output) == STDOUT:
        raise OutputError(f"{fmt!r} writes a folder: give its path, not a file or standard output")
    path = graphml_path(source)
    if not path.is_file():
        raise InputError(f"no graph at {path} (run 'kg build ... --out DIR' first)")
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as scratch:
        tables = _read_tables(path, Path(scratch))
        try:
            spec.write_tables(tables, output)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
        nodes = sum(table.count for table in tables if table.kind == "nodes")
        relationships = sum(table.count for table in tables if table.kind != "nodes")
    return ExportResult(str(path), nodes, relationships)


def run_queries(
    statements: Sequence[str],
    params: dict[str, Any],
    uri: str | None = None,
    *,
    graph: str | None = None,
    write: bool = False,
) -> list[QueryResult]:
    """Run each statement in order on one connection; every statement's result, in order, its
    text cleaned as the inputs are (:mod:`kg.hygiene`, counted in ``cleaned``). With
    ``write``, what was written is saved before this returns, as after a load (a snapshot that
    fails is an error)."""
    from kg.store import DEFAULT_GRAPH, open_store
    from kg.store.backend import clean_result

    if not statements:
        raise InputError("the query is empty")
    store = open_store(uri, graph or DEFAULT_GRAPH)
    try:
        results = [
            clean_result(store.query(statement, params, write=write)) for statement in statements
        ]
        if write:
            store.persist()
        return results
    finally:
        store.close()


def run_query(
    cypher: str,
    params: dict[str, Any],
    uri: str | None = None,
    *,
    graph: str | None = None,
    write: bool = False,
) -> QueryResult:
    """Run one statement; its result."""
    if not cypher.strip():
        raise InputError("the query is empty")
    [result] = run_queries([cypher], params, uri, graph=graph, write=write)
    return result


def graph_statistics(source: str | Path, top: int = 10) -> GraphStats:
    """What ``kg stats`` shows of a built graph."""
    from kg.graph import graph_stats, read_built_graph
    from kg.graph.graphml import graphml_path, iter_graphml_edges, iter_graphml_nodes
    from kg.graph.stats import streamed_stats, table_stats
    from kg.graph.table_cache import cached_tables

    path = graphml_path(source)
    if not path.is_file():
        raise InputError(f"no graph at {path} (run 'kg build ... --out DIR' first)")
    tables = cached_tables(path)  # the tables the build kept, while the GraphML is its own
    if tables is not None:
        return table_stats(tables, limit=top)
    # read as a stream first (flat memory); whole, only for a file whose edges are not grouped
    # by source, which a build never writes
    with _reading_graphml(path):
        stats = streamed_stats(iter_graphml_nodes(path), iter_graphml_edges(path), limit=top)
    if stats is not None:
        return stats
    built, _path = read_built_graph(source)
    return graph_stats(built, limit=top)
