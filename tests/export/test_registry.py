"""The registry of output formats, and how writers open their targets: paths atomically, open
files as they are, ``-`` as standard output."""

from __future__ import annotations

import io
import json
import os
import stat
import threading
from pathlib import Path
from typing import IO

import networkx as nx
import pytest

from kg.errors import OutputError
from kg.export import (
    export_graph,
    graph_formats,
    open_binary,
    open_text,
    register,
    write_extractions_file,
    writer,
    writers,
)
from kg.export import registry as registry_module
from kg.graph import build_graph, read_graphml
from kg.models import MethodEntity, MethodFinding, Paper, PaperExtraction, Relation


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    papers = [Paper(id="p1", title="We propose FooNet.", authors=["A", "B"], year=2024)]
    entities = [MethodEntity(id="foonet", name="FooNet", aliases=["Foo Net"])]
    relations = [
        Relation(
            type="PROPOSES",
            source="p1",
            target_label="Method",
            target="foonet",
            evidence="We propose FooNet.",
            confidence=0.9,
            rule="proposal",
        )
    ]
    return build_graph(papers, entities, relations)


@pytest.fixture
def own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registrations made by the test are forgotten afterwards."""
    monkeypatch.setattr(registry_module, "_WRITERS", dict(registry_module._WRITERS))


def test_every_output_format_is_registered_with_its_extension() -> None:
    table = {w.name: (w.extension, w.kind, w.binary) for w in writers()}
    assert table == {
        "cypher": (".cypher", "graph", False),
        "extractions": (".jsonl", "extractions", False),
        "graphml": (".graphml", "graph", True),
        "json": (".json", "graph", False),
        "neo4j-admin": ("", "graph", False),  # a folder
    }
    assert graph_formats() == ("cypher", "graphml", "json", "neo4j-admin")
    assert [w.name for w in writers("extractions")] == ["extractions"]
    for w in writers():
        assert w.description and "\n" not in w.description


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(OutputError, match=r"unknown output format 'dot' .*graphml"):
        writer("dot")


def test_a_name_is_registered_once(own_registry: None) -> None:
    with pytest.raises(ValueError, match="already registered"):
        register("json", extension=".json", description="again")(lambda graph, target: None)


def test_a_new_format_is_one_registered_writer(
    own_registry: None, graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    @register("edges", extension=".tsv", description="one line per relationship")
    def write_edges(graph: nx.MultiDiGraph, target: str | Path | IO[str]) -> None:
        with open_text(target) as out:
            for source, target_key, key in graph.edges(keys=True):
                out.write(f"{source}\t{key}\t{target_key}\n")

    assert "edges" in graph_formats()
    export_graph(graph, "edges", tmp_path / "graph.tsv")
    assert (tmp_path / "graph.tsv").read_text(encoding="utf-8") == (
        "paper:p1\tPROPOSES\tmethod:foonet\n"
    )


def test_every_graph_format_writes_a_path_and_an_open_file_alike(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    for fmt in graph_formats():
        spec = writer(fmt)
        if spec.directory:
            continue  # writes a folder, never an open file
        path = tmp_path / f"graph{spec.extension}"
        export_graph(graph, fmt, path)
        handle: io.BytesIO | io.StringIO = io.BytesIO() if spec.binary else io.StringIO()
        export_graph(graph, fmt, handle)
        assert not handle.closed
        value = handle.getvalue()
        assert (value if isinstance(value, bytes) else value.encode()) == path.read_bytes()


def test_the_extractions_writer_takes_a_path_or_an_open_file(tmp_path: Path) -> None:
    paper = Paper(id="p1", title="We propose FooNet.")
    finding = MethodFinding(
        name="FooNet", key="foonet", role="proposed", confidence=0.9, rule="r", evidence="e"
    )
    extractions = [PaperExtraction(paper=paper, findings=[finding]), PaperExtraction(paper=paper)]
    path = tmp_path / "extractions.jsonl"
    assert write_extractions_file(extractions, path) == 2
    handle = io.StringIO()
    assert writer("extractions").write(extractions, handle) == 2
    assert handle.getvalue() == path.read_text(encoding="utf-8")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["p1", "p1"]
    assert records[0]["methods"][0]["name"] == "FooNet"


def test_export_graph_refuses_formats_that_are_not_graph_formats(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    with pytest.raises(OutputError, match="not a graph format"):
        export_graph(graph, "extractions", tmp_path / "x.jsonl")


def test_dash_is_standard_output(
    graph: nx.MultiDiGraph, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    export_graph(graph, "graphml", "-")
    written = capsysbinary.readouterr().out
    (tmp_path / "out.graphml").write_bytes(written)
    assert dict(read_graphml(tmp_path / "out.graphml").nodes(data=True)) == dict(
        graph.nodes(data=True)
    )


def test_a_path_that_cannot_be_written_is_an_output_error(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    with pytest.raises(OutputError, match=r"\[E002\] cannot write .*nowhere"):
        export_graph(graph, "json", tmp_path / "nowhere" / "graph.json")


def test_a_closed_pipe_is_left_to_the_caller(graph: nx.MultiDiGraph) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):
        export_graph(graph, "json", ClosedPipe())


# atomic writes


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("error", [RuntimeError("writer failed"), KeyboardInterrupt()])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    error: BaseException, tmp_path: Path
) -> None:
    target = tmp_path / "graph.json"
    target.write_text("old and complete\n", encoding="utf-8")
    with pytest.raises(type(error)), open_text(target) as out:
        out.write("new but ")
        raise error
    assert target.read_text(encoding="utf-8") == "old and complete\n"
    assert leftovers(tmp_path) == []


def test_an_interrupted_first_write_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), open_binary(tmp_path / "graph.graphml") as out:
        out.write(b"<?xml")
        raise RuntimeError("writer failed")
    assert list(tmp_path.iterdir()) == []


def test_the_file_appears_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    with open_text(target) as out:
        out.write("partial")
        assert not target.exists()
        assert len(leftovers(tmp_path)) == 1
    assert target.read_text(encoding="utf-8") == "partial"
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        with open_binary(str(tmp_path / "graph.graphml")) as out:
            out.write(b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "graph.graphml").stat().st_mode) == 0o644


def test_a_symlinked_target_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with open_text(link) as out:
        out.write("new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_a_target_that_is_not_a_regular_file_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    with open_binary(fifo) as out:
        out.write(b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # not replaced by a regular file
    assert leftovers(tmp_path) == []


def test_an_open_file_is_written_as_it_is_and_left_open() -> None:
    handle = io.StringIO("kept:")
    handle.seek(0, io.SEEK_END)
    with open_text(handle) as out:
        assert out is handle
        out.write("added")
    assert not handle.closed
    assert handle.getvalue() == "kept:added"


def test_paths_may_be_str_or_path(tmp_path: Path) -> None:
    for target in (str(tmp_path / "one"), tmp_path / "two"):
        with open_binary(target) as out:
            out.write(b"ab")
    assert (tmp_path / "one").read_bytes() == (tmp_path / "two").read_bytes() == b"ab"
