"""What the source-dump readers share: JSON records from JSON Lines or a JSON document, and
small checks on the values a dump holds."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping

from kg.ingest.json_doc import read_json
from kg.ingest.jsonl import read_jsonl
from kg.ingest.lines import Line
from kg.ingest.records import RawRecord, ReaderItem

RecordMapper = Callable[[Mapping[str, object], int], Iterator[ReaderItem]]


def json_records(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    """Records of JSON Lines (one object a line: each broken line costs that line) or of a JSON
    document (an array, or an object wrapping one), whichever the first line shows: a line that
    opens an object and does not end open (``{``, ``[``, ``,``, ``:``) starts JSON Lines."""
    stream = iter(lines)
    first: list[Line] = []
    for line in stream:
        first.append(line)
        if line.text.strip():
            break
    start = first[-1].text.strip() if first else ""
    rest = itertools.chain(first, stream)
    if start.startswith("{") and not start.endswith(("{", "[", ",", ":")):
        return read_jsonl(rest)  # a whole (or broken) object on the first line
    return read_json(rest)


def mapped(lines: Iterable[Line], mapper: RecordMapper) -> Iterator[ReaderItem]:
    """Each JSON record turned by ``mapper`` into papers, join records or bad records."""
    for item in json_records(lines):
        if isinstance(item, RawRecord):
            yield from mapper(item.fields, item.line)
        else:
            yield item


def text(value: object) -> str | None:
    """A non-empty stripped string, or None (numbers are not taken as text)."""
    if isinstance(value, str):
        return value.strip() or None
    return None


def one_line(value: object) -> str:
    """Text with every whitespace run (hard-wrapped lines of a dump) made one space."""
    found = text(value)
    return " ".join(found.split()) if found else ""


def mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def items(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def names_of(value: object, key: str = "name") -> list[str]:
    """``[{"name": ...}, ...]`` (or a list of plain strings) as names."""
    names = (text(v.get(key)) if isinstance(v, Mapping) else text(v) for v in items(value))
    return [name for name in names if name]


def year_of(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    found = text(value)
    return int(found) if found is not None and found.isdigit() else None


def iso_date(value: object) -> str | None:
    """The ``YYYY-MM-DD`` start of a date or timestamp, or the text as written."""
    found = text(value)
    if found is None:
        return None
    head = found[:10]
    if len(head) == 10 and head[4] == "-" and head[7] == "-":
        return head
    return found
