"""Incremental builds: new inputs added to an existing ``kg build`` output folder.

``kg build NEW... --update OUT`` reads what the folder holds (the papers of ``graph.graphml``,
the records of ``extractions.jsonl`` and the corpus name table ``names.json``), merges the new
papers in as ingest merges repeats (same id, arXiv id, DOI or title), extracts only the papers
that are new or changed, with the stored name table plus the names the new papers prove, and
resolves everything again, so no method or dataset is doubled. Every file of the folder is then
rewritten.

What an update does not redo: papers already built are not extracted again, so a name first
proven by a new paper is not looked for in them (a full build would find it there when they
mention it capitalised or name-shaped). ``--update OUT --full`` re-extracts every paper.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from kg.errors import InputError
from kg.export import extraction_line
from kg.export.registry import staged
from kg.extract import ExtractConfig, NameTable
from kg.extract.engines import check_engine, extract_with
from kg.extract.runs import ExtractRun
from kg.graph import GRAPHML_NAME, GraphStats, graph_stats, read_built_graph
from kg.graph.streamed import GraphRows, StreamedGraph, graph_from_rows, rows_stats
from kg.graph.table_cache import install_table_cache
from kg.ingest import read_inputs
from kg.ingest.fields import BuiltPaper
from kg.ingest.filters import RecordFilter
from kg.ingest.ids import paper_id_for_abstract, paper_id_for_title
from kg.ingest.merge import PaperMerger
from kg.models import (
    Finding,
    IngestReport,
    Paper,
    PaperExtraction,
    Problem,
    ResultFinding,
    SourceRef,
)
from kg.pipeline import (
    EXTRACTIONS_NAME,
    NAMES_NAME,
    NETWORKX_LIMIT,
    REPORT_NAME,
    extract_totals,
    write_graph_files,
)
from kg.progress import Progress
from kg.resolve import Resolver
from kg.schema import NodeLabel, schema
from kg.scratch import scratch_folder, sweep_stale

if TYPE_CHECKING:
    import networkx as nx

_FINDING: TypeAdapter[Finding] = TypeAdapter(Finding)


def paper_from_node(data: dict[str, Any]) -> Paper:
    """The paper a ``Paper`` node of a built graph stands for (its ``file:line`` sources too)."""
    fields = {k: v for k, v in data.items() if k in Paper.model_fields and k != "sources"}
    sources = []
    for source in data.get("sources", []):
        file, _, line = str(source).rpartition(":")
        if file and line.isdigit():
            sources.append(SourceRef(file=file, line=int(line)))
    return Paper(**fields, sources=sources)


def extraction_from_record(paper: Paper, record: dict[str, Any]) -> PaperExtraction:
    """The extraction a ``kg extract`` record describes (mentions keep their offsets; their
    sentences are not in the record and stay empty). A stated result points at the paper's
    findings by name; their keys are looked up among the record's findings."""
    findings: list[Finding] = []
    keys: dict[tuple[str, str], str] = {}
    for spec in schema().entity_labels:
        assert spec.extraction_key is not None
        for item in record.get(spec.extraction_key, []):
            if "alias_of" in item:
                continue  # another written form of the finding before it
            mentions = [
                {**mention, "sentence": "", "rule": item.get("rule", "")}
                for mention in item.get("mentions", [])
            ]
            finding = _FINDING.validate_python(
                {**item, "label": str(spec.label), "mentions": mentions}
            )
            findings.append(finding)
            keys.setdefault((finding.label, finding.display), finding.key)
    results_key = schema().label(NodeLabel.RESULT).extraction_key or "results"
    results = []
    for item in record.get(results_key, []):
        refs = {
            f"{field}_key": keys.get((label, item[field])) if item.get(field) else None
            for field, label in _RESULT_REFS.items()
        }
        results.append(ResultFinding.model_validate({**item, **refs}))
    return PaperExtraction(paper=paper, findings=findings, results=results)


# the findings a stated result names, by field of its record
_RESULT_REFS = {"metric": "Metric", "dataset": "Dataset", "task": "Task", "method": "Method"}


def _own_id(paper: Paper) -> bool:
    """Whether a built paper's id is the record's own, not one made from its title or text."""
    return paper.id not in (paper_id_for_title(paper.title), paper_id_for_abstract(paper.abstract))


def _read_build(out: Path) -> tuple[list[Paper], dict[str, str], NameTable]:
    """The papers of a build (in build order), their extraction lines by id, its name table."""
    graph, _path = read_built_graph(out)
    papers = [
        paper_from_node(data)
        for _, data in graph.nodes(data=True)
        if data.get("label", "") == NodeLabel.PAPER or data.get("labels") == ":Paper"
    ]
    lines: dict[str, str] = {}
    extractions = out / EXTRACTIONS_NAME
    try:
        with open(extractions, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    lines[str(json.loads(line)["id"])] = line
                except (ValueError, KeyError, TypeError) as exc:
                    raise InputError(
                        f"{extractions}:{number}: not an extraction record ({exc}); "
                        "rebuild the folder with 'kg build ... --out'"
                    ) from None
    except OSError as exc:
        raise InputError(f"cannot read {extractions}: {exc.strerror or exc}") from None
    names = out / NAMES_NAME
    try:
        table = NameTable.from_plain(json.loads(names.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise InputError(
            f"{out} has no {NAMES_NAME} (it was built by an older kg): rebuild it once with "
            "'kg build ... --out', or use --full"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{names} is not a name table ({exc})") from None
    missing = [p.id for p in papers if p.id not in lines]
    if missing:
        raise InputError(
            f"{extractions} has no record of {len(missing)} paper(s) of {out / GRAPHML_NAME} "
            f"(first: {missing[0]!r}); the folder is not one build: use --full"
        )
    return papers, lines, table


def merge_papers(old: Sequence[Paper], new: Sequence[Paper]) -> tuple[list[Paper], set[int]]:
    """Old papers then new ones, repeats merged; and the slots of old papers a new record
    changed."""
    merger = PaperMerger()
    for paper in old:
        merger.add(BuiltPaper(paper=paper, own_id=_own_id(paper)))
    changed: set[int] = set()
    for paper in new:
        slot = merger.add(BuiltPaper(paper=paper, own_id=_own_id(paper)))
        if slot < len(old):
            changed.add(slot)
    return list(merger.papers()), changed


@dataclass
class UpdateResult:
    """What an update did: the report of the new inputs, and how many papers it added, changed
    and extracted again."""

    report: IngestReport
    graph: Any  # None when written without NetworkX
    out_dir: Path
    stats: GraphStats
    added: int
    changed: int
    extracted: int


def update(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    fmt: str | None = None,
    strict: bool = False,
    config: ExtractConfig | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    workers: int = 1,
    filters: RecordFilter | None = None,
    full: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    networkx: bool | None = None,
    progress: Progress | None = None,
) -> UpdateResult:
    """Merge ``inputs`` into the build in ``out_dir`` and rewrite its files (extraction runs on
    ``engine``, see :mod:`kg.extract.engines`); ``progress`` is shown the stages."""
    check_engine(engine, scheduler)
    stages = progress or Progress(enabled=False, stream=sys.stderr)
    out = Path(out_dir)
    with stages.stage("read") as read:
        old, lines, stored = _read_build(out)
        new, report = read_inputs(
            inputs, fmt=fmt, strict=strict, on_problem=on_problem, filters=filters
        )
        papers, changed = merge_papers(old, new)
        read.advance(len(papers))
    redo = list(range(len(papers))) if full else [*sorted(changed), *range(len(old), len(papers))]
    tables: list[NameTable] = []
    fresh: dict[int, PaperExtraction] = {}
    run = ExtractRun(
        config=config,
        workers=workers,
        prior=None if full else stored,
        on_table=tables.append,
        scheduler=scheduler,
        on_progress=stages.counter(extract_totals(len(redo))),
    )
    chunks = extract_with(engine, [papers[i] for i in redo], list, run)
    slots = iter(redo)
    with stages.stage("extract"):  # the passes the engine tells of start their own stages
        for chunk in chunks:
            for extraction in chunk:
                fresh[next(slots)] = extraction
    resolver = Resolver()
    sweep_stale(out)  # left by a build that was killed
    with scratch_folder(out) as scratch:
        rows = GraphRows(scratch)
        try:
            graph, stats = _write(
                out,
                papers,
                lines,
                fresh,
                resolver,
                rows,
                networkx,
                tables,
                stored,
                report,
                stages,
                beside=workers > 1,
            )
        finally:
            rows.close()
    return UpdateResult(
        report=report,
        graph=graph,
        out_dir=out,
        stats=stats,
        added=len(papers) - len(old),
        changed=len(changed),
        extracted=len(redo),
    )


def _write(
    out: Path,
    papers: list[Paper],
    lines: dict[str, str],
    fresh: dict[int, PaperExtraction],
    resolver: Resolver,
    rows: GraphRows,
    networkx: bool | None,
    tables: list[NameTable],
    stored: NameTable,
    report: IngestReport,
    stages: Progress,
    *,
    beside: bool,
) -> tuple[nx.MultiDiGraph | None, GraphStats]:
    """The four files of the updated build, each paper resolved as it is written."""
    names = [out / EXTRACTIONS_NAME, out / NAMES_NAME, out / GRAPHML_NAME, out / REPORT_NAME]
    # all four files are moved into place together, once complete: a failed update leaves the
    # build as it was
    with staged(names) as (extractions_tmp, names_tmp, graphml_tmp, report_tmp):
        resolve = stages.start("resolve", len(papers))
        with open(extractions_tmp, "x", encoding="utf-8") as handle:
            for slot, paper in enumerate(papers):
                if slot in fresh:
                    extraction = fresh[slot]
                    handle.write(extraction_line(extraction) + "\n")
                else:  # not extracted again: its stored record, as it was
                    line = lines[paper.id]
                    extraction = extraction_from_record(paper, json.loads(line))
                    handle.write(line if line.endswith("\n") else line + "\n")
                part = Resolver()
                part.add(extraction)
                rows.add(*resolver.take(part))
                resolve.advance()
        table = tables[0] if tables else stored
        names_tmp.write_text(json.dumps(table.plain(), ensure_ascii=False), encoding="utf-8")
        rows.add_entities(resolver.stream_entities())
        streamed = StreamedGraph(papers, rows)
        graph = None
        if networkx if networkx is not None else len(papers) <= NETWORKX_LIMIT:
            graph = graph_from_rows(streamed)
            stats = graph_stats(graph)
        else:
            stats = rows_stats(len(papers), rows, limit=10)
        rows.flush()  # all on disk before the tables' writer is forked
        report_tmp.write_text(report.model_dump_json(indent=2), encoding="utf-8")
        kept = write_graph_files(
            streamed if graph is None else graph,
            graphml_tmp,
            rows.folder,
            stages,
            beside=beside,
        )
    install_table_cache(kept, out)
    return graph, stats
