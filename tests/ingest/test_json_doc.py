from __future__ import annotations

import io
import json
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import read_inputs
from kg.ingest.json_doc import read_json
from kg.ingest.lines import read_lines
from kg.ingest.records import BadRecord, RawRecord

WriteInput = Callable[[str, str | bytes], str]


def test_array_of_records_keeps_each_records_line(write_input: WriteInput) -> None:
    records = [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "abstract": "x"}]
    path = write_input("p.json", json.dumps(records, indent=2))
    papers, report = read_inputs([path])
    assert [p.id for p in papers] == ["a", "b"]
    assert [p.sources[0].line for p in papers] == [2, 6]
    assert report.problems == []


def test_wrapper_object_with_a_record_list(write_input: WriteInput) -> None:
    doc = {"meta": {"n": 2}, "papers": [{"title": "A"}, {"title": "B"}], "next": None}
    papers, report = read_inputs([write_input("p.json", json.dumps(doc))])
    assert [p.title for p in papers] == ["A", "B"]
    assert report.problems == []


def test_single_object_is_one_record(write_input: WriteInput) -> None:
    papers, _ = read_inputs([write_input("p.json", '{"title": "Solo", "abstract": "Text."}')])
    assert [(p.title, p.abstract) for p in papers] == [("Solo", "Text.")]


def test_empty_array_gives_no_papers_and_no_problem(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("p.json", "[]\n")])
    assert (papers, report.problems) == ([], [])


def test_element_that_is_not_an_object_is_skipped(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("p.json", '[{"title": "A"}, 5, {"title": "C"}]')])
    assert [p.title for p in papers] == ["A", "C"]
    assert [p.reason for p in report.problems] == ["expected a JSON object as record"]


def test_broken_document_keeps_records_before_the_break(write_input: WriteInput) -> None:
    path = write_input("p.json", '[{"title": "A"},\n {"title": oops},\n {"title": "C"}]')
    papers, report = read_inputs([path])
    assert [p.title for p in papers] == ["A"]
    assert len(report.problems) == 1
    assert report.problems[0].line == 2
    assert "rest of file skipped" in report.problems[0].reason


def test_truncated_document_is_reported_once(write_input: WriteInput) -> None:
    _, report = read_inputs([write_input("p.json", '[{"title": "A"}, {"title": "B"')])
    assert len(report.problems) == 1


def test_invalid_utf8_inside_a_record_skips_that_record(write_input: WriteInput) -> None:
    data = b'[{"title": "A"},\n {"title": "B\xff"},\n {"title": "C"}]\n'
    papers, report = read_inputs([write_input("p.json", data)])
    assert [p.title for p in papers] == ["A", "C"]
    assert [(p.line, "UTF-8" in p.reason) for p in report.problems] == [(2, True)]


def test_large_array_streams_through(write_input: WriteInput) -> None:
    records = [{"id": str(i), "title": f"Paper {i}", "abstract": "y" * 200} for i in range(3000)]
    papers, report = read_inputs([write_input("p.json", json.dumps(records))])
    assert len(papers) == 3000
    assert report.problems == []


@settings(max_examples=50)
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    for item in read_json(read_lines(io.BytesIO(data))):
        assert isinstance(item, RawRecord | BadRecord)


@settings(max_examples=50)
@given(st.text(alphabet='[]{}",:tile 0a\n', max_size=200))
def test_reader_never_raises_on_json_like_text(text: str) -> None:
    for item in read_json(read_lines(io.BytesIO(text.encode()))):
        assert isinstance(item, RawRecord | BadRecord)


def test_json_lines_in_a_json_file_are_all_read(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("p.json", '{"title": "A"}\n{"title": "B"}\n')])
    assert [p.title for p in papers] == ["A", "B"]
    assert report.problems == []


def test_text_after_the_document_is_reported(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("p.json", '[{"title": "A"}]\ntrailing words\n')])
    assert [p.title for p in papers] == ["A"]
    assert [p.line for p in report.problems] == [2]
