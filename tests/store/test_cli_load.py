from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.cli import load
from kg.errors import InputError, UsageError
from kg.graph import write_graphml
from kg.store import open_store

from .conftest import parse


@pytest.fixture
def out_dir(tmp_path: Path, two_paper_graph: nx.MultiDiGraph) -> Path:
    write_graphml(two_paper_graph, tmp_path / "graph.graphml")
    return tmp_path


def test_load_prints_the_summary_and_a_second_load_creates_nothing(
    kg_home: Path, out_dir: Path, graph_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["load", str(out_dir), "--graph", graph_name, "--batch-size", "2"]
    assert load.run(parse(load, argv)) == 0
    first = capsys.readouterr().out
    assert f"graph '{graph_name}'" in first
    assert "created index on :Paper(id)" in first
    assert "nodes: 5 created, 0 updated; relationships: 4 created, 0 updated" in first
    assert "in 1 bulk commands" in first  # a new graph

    assert load.run(parse(load, argv)) == 0
    second = capsys.readouterr().out
    assert "nodes: 0 created, 5 updated; relationships: 0 created, 4 updated" in second
    assert "created index" not in second
    assert "batches (merged: the graph exists already)" in second
    store = open_store(None, graph_name)
    assert store.query("MATCH (n) RETURN count(n)", {}).rows == [[5]]
    store.close()


def test_load_accepts_the_graphml_file_itself(
    kg_home: Path, out_dir: Path, graph_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["load", str(out_dir / "graph.graphml"), "--graph", graph_name]
    assert load.run(parse(load, argv)) == 0
    assert "nodes: 5 created" in capsys.readouterr().out


def test_a_missing_graph_is_a_clear_input_error(kg_home: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no graph at .*graph\.graphml"):
        load.run(parse(load, ["load", str(tmp_path)]))


def test_a_batch_size_below_one_is_rejected(kg_home: Path, out_dir: Path) -> None:
    with pytest.raises(UsageError, match="--batch-size"):
        load.run(parse(load, ["load", str(out_dir), "--batch-size", "0"]))


def test_no_bulk_merges_into_a_new_graph(
    kg_home: Path, out_dir: Path, graph_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["load", str(out_dir), "--graph", graph_name, "--batch-size", "2", "--no-bulk"]
    assert load.run(parse(load, argv)) == 0
    out = capsys.readouterr().out
    assert "created index on :Paper(id)" in out
    assert "nodes: 5 created, 0 updated; relationships: 4 created, 0 updated" in out
    assert "in 9 batches\n" in out and "merged:" not in out
