from __future__ import annotations

import gzip
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.ingest import IngestError, read_inputs
from kg.ingest.formats import FORMATS
from kg.models import Problem

WriteInput = Callable[[str, str | bytes], str]

LISTING = (
    "Subscribe\n\nFooNet: Sparse Graph Learning\n\n"
    "We propose FooNet. It is fast. It is accurate on Cora.\n"
)
JSONL = '{"id": "p1", "title": "Bar Paper", "abstract": "We study bars."}\n'


def use_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_reads_several_formats_in_order(write_input: WriteInput) -> None:
    paths = [write_input("a.txt", LISTING), write_input("b.jsonl", JSONL)]
    papers, report = read_inputs(paths)
    assert [p.title for p in papers] == ["FooNet: Sparse Graph Learning", "Bar Paper"]
    assert (report.files, report.read, report.built) == (2, 2, 2)


def test_missing_file_is_one_problem_and_others_still_read(write_input: WriteInput) -> None:
    good = write_input("b.jsonl", JSONL)
    papers, report = read_inputs(["/no/such/file.jsonl", good])
    assert [p.id for p in papers] == ["p1"]
    assert report.problems == [
        Problem(file="/no/such/file.jsonl", line=None, reason="no such file")
    ]


def test_directory_is_one_problem(tmp_path: Path) -> None:
    _, report = read_inputs([str(tmp_path)])
    assert [(p.line, p.reason) for p in report.problems] == [(None, "is a directory, not a file")]


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file_is_one_problem(write_input: WriteInput, content: str) -> None:
    _, report = read_inputs([write_input("empty.jsonl", content)])
    assert [(p.line, p.reason) for p in report.problems] == [(None, "file is empty")]


def test_binary_file_is_one_problem(write_input: WriteInput) -> None:
    path = write_input("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    papers, report = read_inputs([path])
    assert papers == []
    assert [(p.line, p.reason) for p in report.problems] == [(None, "binary data, not a text file")]


@pytest.mark.parametrize("name", ["papers.csv", "papers.txt", "papers.jsonl"])
def test_a_stray_nul_in_a_text_file_is_cleaned_not_the_file_skipped(
    write_input: WriteInput, name: str
) -> None:
    titles = [f"Paper number {i} on sparse graphs" for i in range(20)]
    abstract = "We propose a sparse model and evaluate it on several graphs."
    texts = {
        "papers.csv": "title,abstract\n" + "".join(f"{t},{abstract}\n" for t in titles),
        "papers.txt": "".join(f"{t}\n\n{abstract}\n\n" for t in titles),
        "papers.jsonl": "".join(f'{{"title": "{t}", "abstract": "{abstract}"}}\n' for t in titles),
    }
    text = texts[name].replace("sparse model", "sparse\x00\x01 model", 1)
    papers, report = read_inputs([write_input(name, text)])
    assert [p.title for p in papers] == titles and report.problems == []
    assert report.cleaned == 2 and "sparse model" in papers[0].abstract.replace("  ", " ")


def test_gzipped_inputs_are_read(write_input: WriteInput) -> None:
    path = write_input("papers.jsonl.gz", gzip.compress(JSONL.encode()))
    papers, _ = read_inputs([path])
    assert [p.id for p in papers] == ["p1"]


def test_broken_gzip_is_one_problem(write_input: WriteInput) -> None:
    path = write_input("papers.jsonl.gz", gzip.compress(JSONL.encode() * 50)[:40])
    _, report = read_inputs([path])
    assert len(report.problems) == 1
    assert report.problems[0].reason.startswith("cannot read")


def test_format_option_overrides_the_extension(write_input: WriteInput) -> None:
    path = write_input("papers.txt", JSONL)
    papers, report = read_inputs([path], fmt="jsonl")
    assert [p.id for p in papers] == ["p1"]
    assert report.problems == []


def test_unknown_extension_is_sniffed(write_input: WriteInput) -> None:
    papers, _ = read_inputs([write_input("papers.data", JSONL)])
    assert [p.id for p in papers] == ["p1"]


def test_unknown_format_option_is_a_user_error(write_input: WriteInput) -> None:
    with pytest.raises(KgError, match="unknown input format 'xml'"):
        read_inputs([write_input("p.jsonl", JSONL)], fmt="xml")


def test_stdin_defaults_to_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, JSONL.encode())
    papers, report = read_inputs(["-"])
    assert [p.id for p in papers] == ["p1"]
    assert papers[0].sources[0].file == "-"
    assert report.files == 1


def test_stdin_with_explicit_listing_format(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, LISTING.encode())
    papers, _ = read_inputs(["-"], fmt="listing")
    assert [p.title for p in papers] == ["FooNet: Sparse Graph Learning"]


def test_stdin_problems_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, b'{"title": "A"}\nnot json\n')
    _, report = read_inputs(["-"])
    assert [(p.file, p.line) for p in report.problems] == [("-", 2)]


def test_each_problem_goes_to_the_callback_too(write_input: WriteInput) -> None:
    seen: list[Problem] = []
    path = write_input("p.jsonl", 'bad\n{"title": "A"}\nworse\n')
    _, report = read_inputs([path], on_problem=seen.append)
    assert seen == report.problems
    assert [p.line for p in seen] == [1, 3]


def test_strict_mode_stops_at_the_first_problem(write_input: WriteInput) -> None:
    path = write_input("p.jsonl", '{"title": "A"}\nbad\nworse\n')
    with pytest.raises(IngestError) as caught:
        read_inputs([path], strict=True)
    assert (caught.value.problem.file, caught.value.problem.line) == (path, 2)
    assert f"{path}:2" in str(caught.value)


def test_strict_mode_passes_clean_input(write_input: WriteInput) -> None:
    papers, _ = read_inputs([write_input("p.jsonl", JSONL)], strict=True)
    assert len(papers) == 1


def test_report_counts_add_up(write_input: WriteInput) -> None:
    path = write_input("p.jsonl", JSONL + JSONL + "bad\n" + '{"title": "Other"}\n')
    papers, report = read_inputs([path])
    assert (report.read, report.built, report.skipped, report.merged) == (4, 2, 1, 1)
    assert report.read == report.built + report.skipped + report.merged
    assert len(papers) == report.built


def test_missing_stdin_is_one_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    _, report = read_inputs(["-"])
    assert [(p.file, p.reason) for p in report.problems] == [("-", "no standard input to read")]


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=1500), fmt=st.sampled_from([None, *FORMATS]))
def test_arbitrary_bytes_never_raise(data: bytes, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.bin"
        path.write_bytes(data)
        papers, report = read_inputs([str(path)], fmt=fmt)
    assert report.read == report.built + report.skipped + report.merged
    assert len(papers) == report.built


def test_errors_raised_by_the_callback_are_not_taken_for_read_errors(
    write_input: WriteInput,
) -> None:
    def fail(problem: Problem) -> None:
        raise BrokenPipeError

    with pytest.raises(BrokenPipeError):
        read_inputs([write_input("p.jsonl", "bad\n")], on_problem=fail)


def test_utf16_file_is_one_problem_naming_the_encoding(write_input: WriteInput) -> None:
    _, report = read_inputs([write_input("p.jsonl", JSONL.encode("utf-16"))])
    assert [p.reason for p in report.problems] == ["UTF-16 text; save it as UTF-8"]


def test_path_objects_are_accepted(write_input: WriteInput) -> None:
    papers, _ = read_inputs([Path(write_input("p.jsonl", JSONL))])  # type: ignore[list-item]
    assert [p.id for p in papers] == ["p1"]
