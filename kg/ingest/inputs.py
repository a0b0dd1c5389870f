"""``read_inputs``: every input file read, checked, merged and counted."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from kg.collector import collector_paused
from kg.errors import InputError
from kg.ingest.csv_table import read_csv
from kg.ingest.errors import IngestError
from kg.ingest.fields import build_paper
from kg.ingest.formats import FORMATS, format_from_name, sniff_format
from kg.ingest.json_doc import read_json
from kg.ingest.jsonl import read_jsonl
from kg.ingest.lines import Line, read_lines
from kg.ingest.listing import read_listing
from kg.ingest.merge import PaperMerger
from kg.ingest.records import RawRecord, ReaderItem
from kg.ingest.sources import STDIN, ByteStream, Unreadable, head_of, looks_binary, open_input
from kg.models import IngestReport, Paper, Problem, SourceRef

Reader = Callable[[Iterable[Line]], Iterator[ReaderItem]]


READERS: dict[str, Reader] = {
    "listing": read_listing,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
}


_READ_ERRORS = (OSError, EOFError, zlib.error)
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class _ReadFailed(Exception):
    """Reading the stream itself failed (I/O error, corrupt compression); cause attached."""


def _guarded(lines: Iterator[Line]) -> Iterator[Line]:
    """Lines of a stream, with failures of the stream (not of our callers) marked apart."""
    try:
        yield from lines
    except _READ_ERRORS as exc:
        raise _ReadFailed from exc


class _NonBlankCounter:
    """Passes lines through while counting the ones with content (to spot empty files)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self._lines = lines
        self.count = 0

    def __iter__(self) -> Iterator[Line]:
        for line in self._lines:
            if line.problem is not None or (line.text and not line.text.isspace()):
                self.count += 1
            yield line


class _Ingest:
    """The state of one ``read_inputs`` call."""

    def __init__(self, strict: bool, on_problem: Callable[[Problem], None] | None) -> None:
        self.strict = strict
        self.on_problem = on_problem
        self.report = IngestReport()
        self.merger = PaperMerger()

    def problem(self, file: str, line: int | None, reason: str) -> None:
        problem = Problem(file=file, line=line, reason=reason)
        self.report.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)
        if self.strict:
            raise IngestError(problem)

    def read_file(self, path: str, fmt: str | None) -> None:
        try:
            with open_input(path) as stream:
                self.report.files += 1
                self._read_stream(path, stream, fmt)
        except Unreadable as exc:
            self.problem(path, None, str(exc))
        except _ReadFailed as exc:
            self.problem(path, None, f"cannot read: {exc.__cause__}")

    def _read_stream(self, path: str, stream: ByteStream, fmt: str | None) -> None:
        try:
            head = head_of(stream)
        except _READ_ERRORS as exc:
            raise _ReadFailed from exc
        if not head:
            self.problem(path, None, "file is empty")
            return
        if head.startswith(_UTF16_MARKS):
            self.problem(path, None, "UTF-16 text; save it as UTF-8")
            return
        if looks_binary(head):
            self.problem(path, None, "binary data, not a text file")
            return
        chosen = fmt or (None if path == STDIN else format_from_name(path))
        counter = _NonBlankCounter(_guarded(read_lines(stream)))
        for item in READERS[chosen or sniff_format(head)](counter):
            self.take(path, item)
        if counter.count == 0:
            self.problem(path, None, "file is empty")

    def take(self, path: str, item: ReaderItem) -> None:
        if isinstance(item, RawRecord):
            self.report.read += 1
            built = build_paper(item.fields, SourceRef(file=path, line=item.line))
            if isinstance(built, str):
                self.report.skipped += 1
                self.problem(path, item.line, built)
            else:
                self.merger.add(built)
            return
        if item.skipped:
            self.report.read += 1
            self.report.skipped += 1
        self.problem(path, item.line, item.reason)


def read_inputs(
    paths: Sequence[str],
    fmt: str | None = None,
    strict: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
) -> tuple[list[Paper], IngestReport]:
    """Read every input ('-' = stdin), report each bad record through on_problem (and in
    report.problems), merge repeated papers, return papers in first-seen order.

    ``fmt`` (listing, jsonl, json or csv) overrides the format the file name implies;
    with ``strict`` the first problem raises ``IngestError`` instead.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of: {', '.join(FORMATS)}")
    ingest = _Ingest(strict, on_problem)
    with collector_paused():  # papers are kept to the end: collections would free nothing
        for path in paths:
            ingest.read_file(os.fspath(path), fmt)
    papers = ingest.merger.papers()
    ingest.report.built = len(papers)
    ingest.report.merged = ingest.merger.merged
    return papers, ingest.report
