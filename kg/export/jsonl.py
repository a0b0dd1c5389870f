"""The ``kg extract`` record: one JSON object per paper, the contract other tools read.

``{"id", "title", "methods": [{"name", "role", ...}], "datasets": [{"name", ...}],
"repositories": [{"url", ...}], "tasks": [{"name", ...}], "metrics": [{"name", ...}],
"results": [{"value", "unit", "delta", "metric", "dataset", ...}]}``: one list per entity
label, named by the schema's ``extraction_key``, each item the finding's own fields
(``RECORD_FIELDS``) then the common ones; then the stated results (the ``Result`` label's key).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from kg.export.registry import TextTarget, open_text, register
from kg.models import Finding, PaperExtraction, ResultFinding
from kg.schema import NodeLabel, schema


def _common(finding: Finding) -> dict[str, Any]:
    return {
        "key": finding.key,
        "aliases": finding.aliases,
        "confidence": round(finding.confidence, 3),
        "rule": finding.rule,
        "evidence": finding.evidence,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in finding.mentions],
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    """One item of a record's list: the label's own fields, then key, evidence and mentions."""
    own = {name: getattr(finding, name) for name in finding.RECORD_FIELDS}
    return own | _common(finding)


def result_record(result: ResultFinding) -> dict[str, Any]:
    """One stated result: value, unit, delta, the names it points at, and its sentence."""
    return {name: getattr(result, name) for name in result.RECORD_FIELDS}


def extraction_record(extraction: PaperExtraction) -> dict[str, Any]:
    """The JSON-ready record of one paper's extraction."""
    paper = extraction.paper
    record: dict[str, Any] = {"id": paper.id, "title": paper.title}
    for label in schema().entity_labels:
        assert label.extraction_key is not None
        record[label.extraction_key] = [
            finding_record(f) for f in extraction.findings if f.label == label.label
        ]
    results_key = schema().label(NodeLabel.RESULT).extraction_key
    assert results_key is not None
    record[results_key] = [result_record(r) for r in extraction.results]
    return record


def extraction_line(extraction: PaperExtraction) -> str:
    """The record as one line of JSON (no newline)."""
    return json.dumps(extraction_record(extraction), ensure_ascii=False)


def write_extractions(extractions: Iterable[PaperExtraction], out: IO[str]) -> int:
    """Write one JSON line per paper; returns the number written."""
    count = 0
    for extraction in extractions:
        out.write(extraction_line(extraction))
        out.write("\n")
        count += 1
    return count


@register(
    "extractions",
    extension=".jsonl",
    description=(
        "one JSON object per paper: its methods, datasets, repositories, tasks, metrics and results"
    ),
    kind="extractions",
)
def write_extractions_file(extractions: Iterable[PaperExtraction], target: TextTarget) -> int:
    """Write one JSON line per paper to a path (atomically) or an open text file; returns the
    number written."""
    with open_text(target) as out:
        return write_extractions(extractions, out)
