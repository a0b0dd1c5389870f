"""The ``kg extract`` record: one JSON object per paper, the contract other tools read.

``{"id", "title", "methods": [{"name", "role", ...}], "datasets": [{"name", ...}],
"repositories": [{"url", ...}]}``
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from kg.models import Finding, PaperExtraction


def _mentions(finding: Finding) -> list[dict[str, Any]]:
    return [{"text": m.text, "start": m.start, "end": m.end} for m in finding.mentions]


def _common(finding: Finding) -> dict[str, Any]:
    return {
        "key": finding.key,
        "aliases": finding.aliases,
        "confidence": round(finding.confidence, 3),
        "rule": finding.rule,
        "evidence": finding.evidence,
        "mentions": _mentions(finding),
    }


def extraction_record(extraction: PaperExtraction) -> dict[str, Any]:
    """The JSON-ready record of one paper's extraction."""
    paper = extraction.paper
    methods = [
        {"name": f.name, "role": f.role or "used", "generic": f.generic} | _common(f)
        for f in extraction.of("Method")
    ]
    datasets = [
        {"name": f.name, "introduced": f.introduced} | _common(f) for f in extraction.of("Dataset")
    ]
    repositories = [
        {"url": f.url or f.name, "root": f.name, "host": f.host, "owner": f.owner, "name": f.repo}
        | _common(f)
        for f in extraction.of("Repository")
    ]
    return {
        "id": paper.id,
        "title": paper.title,
        "methods": methods,
        "datasets": datasets,
        "repositories": repositories,
    }


def write_extractions(extractions: Iterable[PaperExtraction], out: IO[str]) -> int:
    """Write one JSON line per paper; returns the number written."""
    count = 0
    for extraction in extractions:
        out.write(json.dumps(extraction_record(extraction), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_extractions_file(extractions: Iterable[PaperExtraction], path: str | Path) -> int:
    with open(path, "w", encoding="utf-8") as out:
        return write_extractions(extractions, out)
