"""The end-to-end flow: ingest -> extract -> resolve -> graph -> files.

Each step hands typed records to the next; the CLI only parses arguments and prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import networkx as nx
from pydantic import BaseModel

from kg.export import write_extractions_file
from kg.extract import ExtractConfig, Extractor
from kg.graph import build_graph, write_graphml
from kg.ingest import read_inputs
from kg.models import IngestReport, PaperExtraction, Problem
from kg.resolve import Resolver, resolve

GRAPHML_NAME = "graph.graphml"
EXTRACTIONS_NAME = "extractions.jsonl"
REPORT_NAME = "report.json"


class ExtractResult(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    report: IngestReport
    extractions: list[PaperExtraction]


class BuildResult(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    report: IngestReport
    graph: nx.MultiDiGraph
    out_dir: Path


def extract_inputs(
    inputs: Sequence[str],
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> ExtractResult:
    """Read the inputs and extract every paper."""
    papers, report = read_inputs(inputs, fmt=fmt, strict=strict, on_problem=on_problem)
    extractions = Extractor(config).extract(papers)
    return ExtractResult(report=report, extractions=extractions)


def graph_from_extractions(extractions: Sequence[PaperExtraction]) -> nx.MultiDiGraph:
    """Resolve findings across papers and assemble the graph."""
    entities, relations = resolve(extractions)
    return build_graph((e.paper for e in extractions), entities, relations)


def build(
    inputs: Sequence[str],
    out_dir: str | Path,
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> BuildResult:
    """Build the graph from ``inputs``; write GraphML, extractions and a report to ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    papers, report = read_inputs(inputs, fmt=fmt, strict=strict, on_problem=on_problem)
    resolver = Resolver()
    extractions = Extractor(config).iter_extract(papers)
    write_extractions_file(_resolved(extractions, resolver), out / EXTRACTIONS_NAME)
    graph = build_graph(papers, resolver.entities(), resolver.relations())
    del papers, resolver  # the graph holds what the GraphML file needs
    write_graphml(graph, out / GRAPHML_NAME)
    (out / REPORT_NAME).write_text(report.model_dump_json(indent=2), encoding="utf-8")
    return BuildResult(report=report, graph=graph, out_dir=out)


def _resolved(
    extractions: Iterable[PaperExtraction], resolver: Resolver
) -> Iterator[PaperExtraction]:
    """Passes each extraction to ``resolver`` on its way to the file: the extractions of a
    large corpus are written and resolved one at a time instead of being held all at once."""
    for extraction in extractions:
        resolver.add(extraction)
        yield extraction


def graphml_path(source: str | Path) -> Path:
    """The GraphML file of an out dir, or ``source`` itself when it is a file."""
    path = Path(source)
    return path / GRAPHML_NAME if path.is_dir() else path
