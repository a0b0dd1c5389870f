from __future__ import annotations

import io
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import read_inputs
from kg.ingest.csv_table import read_csv
from kg.ingest.lines import read_lines
from kg.ingest.records import BadRecord, RawRecord

WriteInput = Callable[[str, str | bytes], str]


def test_rows_become_papers_by_header_names(write_input: WriteInput) -> None:
    path = write_input(
        "p.csv",
        'paperId,title,summary,authors,year\n1,First,"One, with a comma.",A B; C D,2019\n',
    )
    papers, report = read_inputs([path])
    assert len(papers) == 1
    paper = papers[0]
    assert (paper.id, paper.title, paper.abstract) == ("1", "First", "One, with a comma.")
    assert (paper.authors, paper.year, paper.sources[0].line) == (["A B", "C D"], 2019, 2)
    assert report.problems == []


def test_quoted_field_over_several_lines(write_input: WriteInput) -> None:
    path = write_input("p.csv", 'title,abstract\n"T","line one\nline two"\nNext,abs\n')
    papers, _ = read_inputs([path])
    assert [(p.title, p.abstract, p.sources[0].line) for p in papers] == [
        ("T", "line one\nline two", 2),
        ("Next", "abs", 4),
    ]


def test_row_with_missing_columns_is_reported(write_input: WriteInput) -> None:
    path = write_input("p.csv", "id,title,abstract\n1,A,x\n2,B\n3,C,z\n")
    papers, report = read_inputs([path])
    assert [p.id for p in papers] == ["1", "3"]
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "row has 2 fields but the header has 3")
    ]
    assert (report.read, report.skipped) == (3, 1)


def test_header_without_title_or_abstract_is_one_problem(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("p.csv", "name,value\nx,y\nz,w\n")])
    assert papers == []
    assert [(p.line, p.reason) for p in report.problems] == [
        (1, "CSV header has no title or abstract column")
    ]


def test_invalid_utf8_row_is_reported(write_input: WriteInput) -> None:
    data = b"title,abstract\nA,x\nB\xff,y\nC,z\n"
    papers, report = read_inputs([write_input("p.csv", data)])
    assert [p.title for p in papers] == ["A", "C"]
    assert [p.line for p in report.problems] == [3]


@settings(max_examples=50)
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    for item in read_csv(read_lines(io.BytesIO(b"title,abstract\n" + data))):
        assert isinstance(item, RawRecord | BadRecord)
