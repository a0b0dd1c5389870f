"""Reader for CSV with a header row naming the record fields."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from kg.ingest.fields import field_names
from kg.ingest.lines import MAX_LINE_BYTES, Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem


class _LineFeed:
    """Feeds line texts to ``csv.reader`` and remembers where each row began."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self._lines = lines
        self.last = 0
        self.bad: list[BadRecord] = []

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.last = line.number
            if line.problem is not None:
                self.bad.append(BadRecord(line.number, line.problem))
                continue
            yield line.text + "\n"


def read_csv(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    """Each data row as a raw record keyed by the header; ragged rows as bad records."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    feed = _LineFeed(lines)
    rows = csv.reader(feed)
    header: list[str] | None = None
    while True:
        start = feed.last + 1
        try:
            row = next(rows, None)
        except csv.Error as exc:
            yield from _flush(feed)
            yield BadRecord(start, f"invalid CSV: {exc}")
            continue
        yield from _flush(feed)
        if row is None:
            return
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in row]
            if not _names_text(header):
                yield BadRecord(start, "CSV header has no title or abstract column", False)
                return
            continue
        if len(row) != len(header):
            reason = f"row has {len(row)} fields but the header has {len(header)}"
            yield BadRecord(start, reason)
            continue
        yield RawRecord(dict(zip(header, row, strict=True)), start)


def _names_text(header: list[str]) -> bool:
    names = field_names()
    wanted = set(names["title"]) | set(names["abstract"])
    return any(column in wanted for column in header)


def _flush(feed: _LineFeed) -> Iterator[BadRecord]:
    yield from feed.bad
    feed.bad.clear()
