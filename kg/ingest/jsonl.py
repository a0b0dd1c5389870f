"""Reader for JSON Lines: one JSON object per line, blank lines ignored."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem


def read_jsonl(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    """Each non-blank line as a raw record; lines that are not JSON objects as bad records.

    Control characters written raw inside strings (not JSON, but common in scraped dumps) are
    read, and cleaned with the rest of the text (:mod:`kg.ingest.hygiene`)."""
    loads = json.JSONDecoder(strict=False).decode
    for line in lines:
        if line.problem is not None:
            yield BadRecord(line.number, line.problem)
            continue
        if not line.text or line.text.isspace():
            continue
        try:
            value = loads(line.text)
        except json.JSONDecodeError as exc:
            yield BadRecord(line.number, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if isinstance(value, dict):
            yield RawRecord(value, line.number)
        else:
            yield BadRecord(line.number, f"expected a JSON object, found {_kind(value)}")


def _kind(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
