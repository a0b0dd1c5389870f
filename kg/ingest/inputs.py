"""``read_inputs``: every input file read, checked, filtered, merged, joined and counted.

Memory: the papers are kept (they are the result: in memory, or with ``spill`` in a file and
only an offset per paper in memory); beyond them a run keeps one join key per
paper (its ``s2:``/``pwc:``/``arxiv:`` keys) and a set of seen keys, never a file's records. Join
inputs (S2 abstracts, PwC code links, recognised from their first bytes) are read after the
others, so each of their records finds its paper at once or is counted as unjoined and
dropped. Only join records that come before their paper in an input not recognised as a join
input (stdin, say) are held until their paper arrives.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from kg.collector import collector_paused
from kg.errors import InputError
from kg.ingest.arxiv import read_arxiv
from kg.ingest.csv_table import read_csv
from kg.ingest.errors import IngestError
from kg.ingest.fields import build_paper
from kg.ingest.filters import RecordFilter
from kg.ingest.formats import (
    BASIC_FORMATS,
    FORMATS,
    format_from_name,
    is_join_input,
    recognise_source,
    sniff_format,
)
from kg.ingest.hf_papers import read_hf_papers
from kg.ingest.hygiene import CleanedReport, clean_given, clean_text, clean_value
from kg.ingest.json_doc import read_json
from kg.ingest.jsonl import read_jsonl
from kg.ingest.lines import Line, read_lines
from kg.ingest.listing import read_listing
from kg.ingest.merge import PaperMerger, paper_refs
from kg.ingest.openalex import read_openalex
from kg.ingest.pwc import read_pwc
from kg.ingest.records import JoinRecord, RawRecord, ReaderItem
from kg.ingest.s2 import read_s2
from kg.ingest.sources import STDIN, ByteStream, Unreadable, head_of, looks_binary, open_input
from kg.ingest.spill import SpilledPapers
from kg.models import Paper, Problem, SourceRef

Reader = Callable[[Iterable[Line]], Iterator[ReaderItem]]


READERS: dict[str, Reader] = {
    "listing": read_listing,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "arxiv": read_arxiv,
    "openalex": read_openalex,
    "s2": read_s2,
    "hf-papers": read_hf_papers,
    "pwc": read_pwc,
}
_RECOGNISABLE = frozenset({None, "jsonl", "json"})  # formats a look at the content may refine


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

    def __init__(
        self,
        strict: bool,
        on_problem: Callable[[Problem], None] | None,
        filters: RecordFilter | None,
        store: SpilledPapers | None = None,
    ) -> None:
        self.strict = strict
        self.on_problem = on_problem
        self.filters = filters if filters is not None and filters.active else None
        self.report = CleanedReport()
        self.merger = PaperMerger(store)
        self.joins: dict[str, int] = {}  # join key -> slot of its paper
        self.waiting: dict[str, list[JoinRecord]] = {}  # join records before their paper
        self.late = False  # reading join inputs, after every other input

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
        if fmt is None and chosen in _RECOGNISABLE:
            source = recognise_source(head)
            if source is not None:
                chosen = self.report.recognised[path] = source
        counter = _NonBlankCounter(_guarded(read_lines(stream)))
        for item in READERS[chosen or sniff_format(head)](counter):
            self.take(path, item)
        if counter.count == 0:
            self.problem(path, None, "file is empty")

    def take(self, path: str, item: ReaderItem) -> None:
        if isinstance(item, RawRecord):
            self.report.read += 1
            fields, count = clean_value(item.fields)
            given, given_count = clean_given(item.given)
            self.report.cleaned += count + given_count
            source = SourceRef(file=clean_text(path)[0], line=item.line)
            built = build_paper(fields, source, given)
            if isinstance(built, str):
                self.report.skipped += 1
                self.problem(path, item.line, built)
            elif self.filters is not None and not self.filters.keeps(built.paper):
                self.report.filtered += 1
            else:
                self.report.titles_from_abstract += built.title_from_abstract
                slot = self.merger.add(built)
                self._index(slot, item.join_keys)
            return
        if isinstance(item, JoinRecord):
            self.report.read += 1
            abstract, count = clean_text(item.abstract)
            given, given_count = clean_given(item.given)
            if count or given_count:
                self.report.cleaned += count + given_count
                item = JoinRecord(item.keys, item.line, abstract, given)
            self._join(item)
            return
        if item.skipped:
            self.report.read += 1
            self.report.skipped += 1
        self.problem(path, item.line, item.reason)

    def _index(self, slot: int, keys: tuple[str, ...]) -> None:
        """Make the paper in ``slot`` findable by its join keys; take what waited for it."""
        for key in (*keys, *paper_refs(self.merger.paper(slot))):
            self.joins.setdefault(key, slot)
            for record in self.waiting.pop(key, ()):
                self._apply(slot, record)

    def _join(self, record: JoinRecord) -> None:
        for key in record.keys:
            slot = self.joins.get(key)
            if slot is not None:
                self._apply(slot, record)
                return
        if self.late:
            self.report.unjoined += 1
        else:
            for key in record.keys:
                self.waiting.setdefault(key, []).append(record)

    def _apply(self, slot: int, record: JoinRecord) -> None:
        for key in record.keys:  # held under several keys: taken once
            held = self.waiting.get(key)
            if held and record in held:
                held.remove(record)
        paper = self.merger.paper(slot)
        if len(record.abstract) > len(paper.abstract):
            paper.abstract = record.abstract
        if record.given:
            paper.given = list(dict.fromkeys([*paper.given, *record.given]))
        self.merger.replace(slot, paper)

    def finish(self) -> Sequence[Paper]:
        left = {id(r): r for records in self.waiting.values() for r in records}
        self.report.unjoined += len(left)
        papers = self.merger.papers()
        self.report.built = len(papers)
        self.report.merged = self.merger.merged
        if isinstance(papers, SpilledPapers):
            self.report.without_abstract = papers.without_abstract()
        else:
            self.report.without_abstract = sum(1 for paper in papers if not paper.abstract)
        return papers


def _join_inputs_last(paths: Sequence[str], fmt: str | None) -> list[tuple[str, bool]]:
    """The inputs in reading order, each with whether it is a join input: join inputs last."""
    ordered = [(path, _is_join_file(path, fmt)) for path in paths]
    return [entry for entry in ordered if not entry[1]] + [entry for entry in ordered if entry[1]]


def _is_join_file(path: str, fmt: str | None) -> bool:
    if path == STDIN or (fmt is not None and fmt in BASIC_FORMATS):
        return False
    try:
        with open_input(path) as stream:
            return is_join_input(head_of(stream), fmt)
    except (Unreadable, *_READ_ERRORS):
        return False  # reported when the file is read


def read_inputs(
    paths: Sequence[str],
    fmt: str | None = None,
    strict: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
    filters: RecordFilter | None = None,
    spill: Path | None = None,
) -> tuple[Sequence[Paper], CleanedReport]:
    """Read every input ('-' = stdin), report each bad record through on_problem (and in
    report.problems), merge repeated papers, return papers in first-seen order.

    ``fmt`` (one of ``FORMATS``) overrides the format the file name implies and what the
    content shows; ``filters`` (``--category``, ``--since``) leave records out, counted in
    ``report.filtered``; with ``strict`` the first problem raises ``IngestError`` instead.
    With ``spill`` (a folder) the papers are kept in a file there
    (:class:`~kg.ingest.spill.SpilledPapers`) rather than in memory.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of: {', '.join(FORMATS)}")
    ingest = _Ingest(strict, on_problem, filters, SpilledPapers(spill) if spill else None)
    with collector_paused():  # papers are kept to the end: collections would free nothing
        for path, late in _join_inputs_last([os.fspath(p) for p in paths], fmt):
            ingest.late = late
            ingest.read_file(path, fmt)
        papers = ingest.finish()
    return papers, ingest.report
