"""The end-to-end flows: ingest -> extract -> resolve -> graph -> files, and from files on.

Each step hands typed records to the next; the CLI only parses arguments and prints, and the
Python API (``kg.build``, ``kg.extract``, ...) calls these functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.export import extraction_line
from kg.extract import ExtractConfig, extract_chunks, extract_papers
from kg.graph import build_graph, write_graphml
from kg.ingest import read_inputs
from kg.models import IngestReport, PaperExtraction, Problem
from kg.resolve import Resolver

GRAPHML_NAME = "graph.graphml"
EXTRACTIONS_NAME = "extractions.jsonl"
REPORT_NAME = "report.json"

OnProblem = Callable[[Problem], None]


@dataclass
class ExtractResult:
    """The ingest report and an iterator of extractions, made as they are read."""

    report: IngestReport
    extractions: Iterator[PaperExtraction]


@dataclass
class BuildResult:
    report: IngestReport
    graph: nx.MultiDiGraph
    out_dir: Path


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
) -> ExtractResult:
    """Read the inputs; extract every paper (lazily, in paper order) in ``workers`` processes."""
    papers, report = read_inputs(inputs, fmt=fmt, strict=strict, on_problem=on_problem)
    return ExtractResult(report=report, extractions=extract_papers(papers, config, workers))


def extraction_lines(extractions: list[PaperExtraction]) -> str:
    """The extraction records of a chunk of papers as JSON Lines text."""
    return "".join(extraction_line(extraction) + "\n" for extraction in extractions)


def lines_and_resolver(extractions: list[PaperExtraction]) -> tuple[str, Resolver]:
    """A chunk's JSON Lines and its resolver (merged in order into the corpus resolver): what a
    build needs of each chunk, small enough to come back from a worker process."""
    resolver = Resolver()
    for extraction in extractions:
        resolver.add(extraction)
    return extraction_lines(extractions), resolver


def graph_from_extractions(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    """Resolve findings across papers and assemble the graph."""
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
) -> BuildResult:
    """Build the graph from ``inputs``; write GraphML, extractions and a report to ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    papers, report = read_inputs(inputs, fmt=fmt, strict=strict, on_problem=on_problem)
    resolver = Resolver()
    with open(out / EXTRACTIONS_NAME, "w", encoding="utf-8") as handle:
        for lines, part in extract_chunks(papers, lines_and_resolver, config, workers):
            handle.write(lines)
            resolver.merge(part)
    graph = build_graph(papers, resolver.entities(), resolver.relations())
    del papers, resolver  # the graph holds what the GraphML file needs
    write_graphml(graph, out / GRAPHML_NAME)
    (out / REPORT_NAME).write_text(report.model_dump_json(indent=2), encoding="utf-8")
    return BuildResult(report=report, graph=graph, out_dir=out)


def graphml_path(source: str | Path) -> Path:
    """The GraphML file of an out dir, or ``source`` itself when it is a file."""
    path = Path(source)
    return path / GRAPHML_NAME if path.is_dir() else path
