"""Inputs named by URL are read through fsspec like files; without fsspec, or at a URL that
cannot be opened, they are bad inputs with a reason. fsspec's in-memory file system stands in
for a remote one."""

from __future__ import annotations

import gzip
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.cli import main
from kg.ingest import read_inputs
from kg.ingest.urls import NO_FSSPEC, is_url

RECORDS = (
    '{"id": "u1", "title": "Sparse Lemur Networks", "abstract": "We propose LemurNet."}\n'
    '{"id": "u2", "title": "Dense Tapir Graphs", "abstract": "We evaluate on TapirBench."}\n'
)


@pytest.fixture
def folder() -> Iterator[str]:
    """A folder of fsspec's memory file system, removed afterwards."""
    root = f"memory://kg-test-{uuid.uuid4().hex[:8]}"
    yield root
    fs = fsspec.filesystem("memory")
    if fs.exists(root):
        fs.rm(root, recursive=True)


def put(url: str, data: bytes) -> str:
    with fsspec.open(url, "wb") as handle:
        handle.write(data)
    return url


def test_a_url_reads_as_the_same_file_on_disk(folder: str, tmp_path: Path) -> None:
    local = tmp_path / "papers.jsonl"
    local.write_text(RECORDS, encoding="utf-8")
    remote = put(f"{folder}/papers.jsonl", RECORDS.encode())
    zipped = put(f"{folder}/papers.jsonl.gz", gzip.compress(RECORDS.encode()))
    expected, _ = read_inputs([str(local)])
    assert [p.id for p in expected] == ["u1", "u2"]
    for url in (remote, zipped, local.as_uri()):
        papers, report = read_inputs([url])
        assert [p.model_copy(update={"sources": []}) for p in papers] == [
            p.model_copy(update={"sources": []}) for p in expected
        ]
        assert [source.file for p in papers for source in p.sources] == [url, url]
        assert (report.files, report.built, report.problems) == (1, 2, [])


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.jsonl", "no such file"), ("zzz://host/papers.jsonl", "cannot open: ")],
)
def test_a_url_that_cannot_be_opened_is_a_problem(folder: str, name: str, reason: str) -> None:
    url = name if is_url(name) else f"{folder}/{name}"
    good = put(f"{folder}/good.jsonl", RECORDS.encode())
    papers, report = read_inputs([url, good])
    assert [p.id for p in papers] == ["u1", "u2"]
    [problem] = report.problems
    assert problem.file == url and problem.reason.startswith(reason)


def test_without_fsspec_a_url_is_a_problem_saying_what_to_install(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = put(f"{folder}/papers.jsonl", RECORDS.encode())
    monkeypatch.setitem(sys.modules, "fsspec", None)  # import fsspec now fails
    papers, report = read_inputs([url])
    assert papers == []
    assert [(p.file, p.reason) for p in report.problems] == [(url, NO_FSSPEC)]


def test_kg_build_reads_urls_and_stops_at_a_missing_one(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = put(f"{folder}/papers.jsonl", RECORDS.encode())
    assert main(["build", url, "--workers", "1", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "graph.graphml").exists()
    capsys.readouterr()
    missing = f"{folder}/nothing.jsonl"
    assert main(["build", missing, "--out", str(tmp_path / "other")]) == 3
    assert f"input file(s) not found: {missing}" in capsys.readouterr().err


@given(
    st.from_regex(r"[A-Za-z][A-Za-z0-9+.-]+", fullmatch=True),
    st.text(max_size=30),
)
def test_a_scheme_and_two_slashes_make_a_url(scheme: str, rest: str) -> None:
    assert is_url(f"{scheme}://{rest}")


@given(st.text(alphabet=st.characters(blacklist_characters=":"), max_size=40))
def test_paths_without_a_scheme_are_not_urls(path: str) -> None:
    assert not is_url(path)
    assert not is_url(f"C:\\{path}") and not is_url(f"C://{path}")
