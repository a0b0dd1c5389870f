from __future__ import annotations

import io
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import read_inputs
from kg.ingest.jsonl import read_jsonl
from kg.ingest.lines import read_lines
from kg.ingest.records import BadRecord, RawRecord

WriteInput = Callable[[str, str | bytes], str]


def test_reads_one_paper_per_line_with_its_line_number(write_input: WriteInput) -> None:
    path = write_input(
        "papers.jsonl",
        '{"id": "p1", "title": "First", "abstract": "One."}\n\n'
        '{"id": "p2", "title": "Second", "abstract": "Two."}\n',
    )
    papers, report = read_inputs([path])
    assert [(p.id, p.title, p.abstract) for p in papers] == [
        ("p1", "First", "One."),
        ("p2", "Second", "Two."),
    ]
    assert [s.line for p in papers for s in p.sources] == [1, 3]
    assert (report.read, report.built, report.skipped, report.problems) == (2, 2, 0, [])


def test_malformed_line_is_reported_and_the_rest_kept(write_input: WriteInput) -> None:
    path = write_input("p.jsonl", '{"title": "A"}\n{"title": oops}\n{"title": "C"}\n')
    papers, report = read_inputs([path])
    assert [p.title for p in papers] == ["A", "C"]
    assert len(report.problems) == 1
    assert (report.problems[0].file, report.problems[0].line) == (path, 2)
    assert "invalid JSON" in report.problems[0].reason
    assert (report.read, report.skipped) == (3, 1)


def test_line_that_is_not_an_object_is_reported(write_input: WriteInput) -> None:
    _, report = read_inputs([write_input("p.jsonl", '["a", "b"]\n')])
    assert [p.reason for p in report.problems] == ["expected a JSON object, found an array"]


def test_record_without_title_or_abstract_is_reported(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("p.jsonl", '{"id": "x", "title": ""}\n')])
    assert papers == []
    assert [p.reason for p in report.problems] == ["record has no title and no abstract"]


def test_invalid_utf8_costs_only_its_line(write_input: WriteInput) -> None:
    data = b'{"title": "A"}\n{"title": "B\xff"}\n{"title": "C"}\n'
    papers, report = read_inputs([write_input("p.jsonl", data)])
    assert [p.title for p in papers] == ["A", "C"]
    assert [(p.line, "UTF-8" in p.reason) for p in report.problems] == [(2, True)]


def test_ten_megabyte_line_is_skipped(write_input: WriteInput) -> None:
    huge = '{"title": "' + "x" * (10 * 1024 * 1024 + 10) + '"}'
    path = write_input("p.jsonl", '{"title": "A"}\n' + huge + '\n{"title": "C"}\n')
    papers, report = read_inputs([path])
    assert [p.title for p in papers] == ["A", "C"]
    assert [(p.line, "longer than 10 MB" in p.reason) for p in report.problems] == [(2, True)]


@settings(max_examples=50)
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    for item in read_jsonl(read_lines(io.BytesIO(data))):
        assert isinstance(item, RawRecord | BadRecord)
