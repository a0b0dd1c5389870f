"""The ``kg extract`` record: one JSON object per paper, the contract other tools read.

``{"id", "title", "methods": [{"name", "role", ...}], "datasets": [{"name", ...}],
"repositories": [{"url", ...}], "tasks": [{"name", ...}], "metrics": [{"name", ...}],
"results": [{"value", "unit", "delta", "metric", "dataset", ...}]}``: one list per entity
label, named by the schema's ``extraction_key``, each item the finding's own fields
(``RECORD_FIELDS``) then the common ones; then the stated results (the ``Result`` label's key).

Tasks and metrics are named two ways in one abstract ("natural language understanding (NLU)",
"BLEU score" and "BLEU"), and a reader looking for either name should find it: for labels whose
schema entry sets ``lists_written_forms``, each other form the paper writes (by its mentions,
compared without case and punctuation) that is one of its aliases follows the finding as an item
``{"name", "alias_of", "key", "mentions"}`` with the finding's own key. Readers that want one
item per entity skip items with ``alias_of``; the graph has one node per key either way.
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


def _fold(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def written_forms(finding: Finding) -> list[dict[str, Any]]:
    """The finding's aliases the paper writes, one item each, in text order (a mention that
    is no alias, such as "speech" of "speech and object recognition", is no name)."""
    aliases = {_fold(alias) for alias in finding.aliases}
    seen = {_fold(finding.display)}
    items: list[dict[str, Any]] = []
    for mention in finding.mentions:
        folded = _fold(mention.text)
        if folded not in aliases or folded in seen:
            continue
        seen.add(folded)
        items.append(
            {
                "name": mention.text,
                "alias_of": finding.display,
                "key": finding.key,
                "mentions": [
                    {"text": m.text, "start": m.start, "end": m.end}
                    for m in finding.mentions
                    if _fold(m.text) == folded
                ],
            }
        )
    return items


def extraction_record(extraction: PaperExtraction) -> dict[str, Any]:
    """The JSON-ready record of one paper's extraction."""
    paper = extraction.paper
    record: dict[str, Any] = {"id": paper.id, "title": paper.title}
    for label in schema().entity_labels:
        assert label.extraction_key is not None
        items: list[dict[str, Any]] = []
        for finding in extraction.findings:
            if finding.label == label.label:
                items.append(finding_record(finding))
                if label.lists_written_forms:
                    items += written_forms(finding)
        record[label.extraction_key] = items
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
