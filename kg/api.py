"""The Python API for notebooks and scripts: the commands of ``kg`` as functions.

Each is importable from the top-level package (``import kg``) and imports what it needs only
when called, so ``import kg`` stays cheap. Examples::

    import kg

    result = kg.build(["papers.jsonl"], "out/")        # GraphML, extractions, report
    graph = kg.read_graph("out/")                      # networkx.MultiDiGraph
    for record in kg.extract(["papers.jsonl"]):        # one PaperExtraction per paper
        print(record.paper.id, [f.display for f in record.findings])
    kg.load("out/")                                    # into the embedded FalkorDB
    rows = kg.query("MATCH (d:Dataset) RETURN d.name AS name LIMIT 3")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from kg.extract import ExtractConfig
    from kg.models import PaperExtraction, Problem
    from kg.pipeline import BuildResult
    from kg.store import LoadSummary

PathLike = str | Path


def build(
    inputs: Sequence[PathLike],
    out_dir: PathLike,
    *,
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    workers: int = 1,
    on_problem: Callable[[Problem], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    networkx: bool | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` and write ``graph.graphml``, ``extractions.jsonl`` and
    ``report.json`` to ``out_dir``, as ``kg build`` does. ``engine="dask"`` extracts on the
    Dask cluster whose scheduler is at ``scheduler`` (None: a local one of ``workers``
    processes, started for the call). ``networkx`` (default: up to 50,000 papers) also keeps
    the graph in NetworkX, as ``result.graph``; without, ``result.graph`` is None and
    :func:`read_graph` reads the written file when it is wanted.

    >>> result = kg.build(["kg/data/sample/papers.jsonl"], "out/")  # doctest: +SKIP
    >>> result.report.built, result.graph.number_of_nodes()          # doctest: +SKIP
    (5, 31)
    """
    from kg.pipeline import build as run

    return run(
        [str(i) for i in inputs],
        out_dir,
        fmt=fmt,
        strict=strict,
        config=config,
        on_problem=on_problem,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        networkx=networkx,
    )


def extract(
    inputs: Sequence[PathLike],
    *,
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    workers: int = 1,
    on_problem: Callable[[Problem], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[PaperExtraction]:
    """The extraction of every paper of ``inputs``, in input order, made as it is iterated
    (``engine`` and ``scheduler`` as for :func:`build`).

    Bad records are passed to ``on_problem`` (or skipped silently if it is None; with
    ``strict`` the first one raises :class:`kg.errors.InputError`).

    >>> for record in kg.extract(["kg/data/sample/listing.txt"]):  # doctest: +SKIP
    ...     print(record.paper.id, [f.display for f in record.of("Method")])
    """
    from kg.pipeline import extract_inputs

    result = extract_inputs(
        [str(i) for i in inputs],
        fmt=fmt,
        strict=strict,
        config=config,
        on_problem=on_problem,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
    )
    return result.extractions


def read_graph(source: PathLike) -> nx.MultiDiGraph:
    """The graph of a ``kg build`` output folder (or a GraphML file it wrote), with list
    properties (aliases, authors, sources) decoded to lists.

    >>> graph = kg.read_graph("out/")                                   # doctest: +SKIP
    >>> [d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Dataset"][:3]
    """
    from kg.graph import read_built_graph

    graph, _path = read_built_graph(source)
    return graph


def load(
    source: PathLike,
    uri: str | None = None,
    *,
    graph: str | None = None,
    batch_size: int | None = None,
    bulk: bool = True,
) -> LoadSummary:
    """Load a built graph into a database (default: the embedded FalkorDB), as ``kg load``.

    Loading is idempotent: nodes merge on ``id``, relationships on their ends and type. A
    FalkorDB graph that does not exist yet is written in bulk (``bulk=False`` merges it).

    >>> kg.load("out/").nodes_created                                   # doctest: +SKIP
    31
    """
    from kg.pipeline import load_built_graph

    return load_built_graph(source, uri, graph=graph, batch_size=batch_size, bulk=bulk).summary


def query(
    cypher: str,
    params: Mapping[str, Any] | None = None,
    *,
    uri: str | None = None,
    graph: str | None = None,
    write: bool = False,
) -> list[dict[str, Any]]:
    """Run ``cypher`` (read-only unless ``write``) and return its rows as dicts.

    >>> kg.query("MATCH (p:Paper) RETURN count(p) AS papers")            # doctest: +SKIP
    [{'papers': 18}]
    """
    from kg.pipeline import run_query

    return run_query(cypher, dict(params or {}), uri, graph=graph, write=write).records()
