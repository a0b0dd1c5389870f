"""``kg export``: files from a built graph or the database, and a Cypher script that rebuilds the
graph exactly when run into an empty database."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.cli import export, query
from kg.errors import InputError, OutputError, UsageError
from kg.export import graph_formats
from kg.export.cypher import write_script
from kg.graph import build_graph, read_graphml, write_graphml
from kg.models import DatasetEntity, MethodEntity, Paper, Relation
from kg.store.falkordb_store import FalkorStore
from kg.store.loader import load_graph
from kg.store.readback import read_graph

AWKWARD = [
    "He said \"hello\" and 'bye'; then left",
    "back\\slash, \\n not a newline, \\\\ double",
    "line one\nline two\r\nline three\ttabbed",
    "MATCH (n) DETACH DELETE n; // RETURN 1 /* comment */",
    "$rows {id: 1} `backtick` }",
    "unicode: naïve 東京 \u2028 emoji 😀👩‍🔬",
]


def parse(module: Any, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kg")
    module.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


@pytest.fixture
def awkward_graph() -> nx.MultiDiGraph:
    papers = [
        Paper(id=f"p{i}", title=text, abstract=text, authors=[text, "plain"], year=2000 + i)
        for i, text in enumerate(AWKWARD)
    ]
    entities = [
        MethodEntity(id='m "1"; x', name=AWKWARD[0], aliases=AWKWARD[2:4]),
        MethodEntity(id="cnn", name="CNN", generic=True),
        DatasetEntity(id="imagenet", name="ImageNet", aliases=[]),
    ]
    relations = [
        Relation(
            type="USES",
            source=f"p{i}",
            target_label="Method",
            target='m "1"; x',
            evidence=text,
            confidence=0.125 * i,
            rule="test",
        )
        for i, text in enumerate(AWKWARD)
    ]
    relations.append(
        Relation(
            type="EVALUATES_ON",
            source="p0",
            target_label="Dataset",
            target="imagenet",
            evidence="on ImageNet",
            confidence=0.7,
            introduced=True,
        )
    )
    return build_graph(papers, entities, relations)


def contents(graph: nx.MultiDiGraph) -> tuple[dict[Any, Any], dict[Any, Any]]:
    nodes = dict(graph.nodes(data=True))
    edges = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


def test_a_cypher_script_rebuilds_the_graph_exactly_and_is_idempotent(
    kg_home: Path,
    store: FalkorStore,
    graph_name: str,
    awkward_graph: nx.MultiDiGraph,
    tmp_path: Path,
) -> None:
    script = tmp_path / "graph.cypher"
    with script.open("w", encoding="utf-8") as handle:
        write_script(awkward_graph, handle)
    run_script = ["query", "--write", "--file", str(script), "--graph", graph_name]
    assert query.run(parse(query, run_script)) == 0
    assert contents(read_graph(store)) == contents(awkward_graph)
    assert query.run(parse(query, run_script)) == 0
    assert store.query("MATCH (n) RETURN count(n)", {}).rows == [[9]]
    assert store.query("MATCH ()-[r]->() RETURN count(r)", {}).rows == [[7]]


def test_export_writes_the_cypher_script_of_a_built_graph(
    kg_home: Path,
    store: FalkorStore,
    graph_name: str,
    awkward_graph: nx.MultiDiGraph,
    tmp_path: Path,
) -> None:
    write_graphml(awkward_graph, tmp_path / "graph.graphml")
    script = tmp_path / "graph.cypher"
    argv = ["export", str(tmp_path), "--format", "cypher", "-o", str(script)]
    assert export.run(parse(export, argv)) == 0
    assert (
        query.run(parse(query, ["query", "--write", "-f", str(script), "--graph", graph_name])) == 0
    )
    assert contents(read_graph(store)) == contents(read_graphml(tmp_path / "graph.graphml"))


def test_the_database_reads_back_as_the_loaded_graph_and_exports_as_graphml(
    kg_home: Path,
    store: FalkorStore,
    graph_name: str,
    awkward_graph: nx.MultiDiGraph,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_graph(store, awkward_graph)
    assert contents(read_graph(store)) == contents(awkward_graph)
    out = tmp_path / "db.graphml"
    argv = ["export", "--from-db", "--graph", graph_name, "--format", "graphml", "-o", str(out)]
    assert export.run(parse(export, argv)) == 0
    assert "exported 9 nodes and 7 relationships" in capsys.readouterr().out
    # the same file as writing the loaded graph directly (GraphML itself turns \r\n into \n)
    write_graphml(awkward_graph, tmp_path / "direct.graphml")
    assert contents(read_graphml(out)) == contents(read_graphml(tmp_path / "direct.graphml"))


def test_json_is_node_link_data_with_node_keys_under_key(
    awkward_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    write_graphml(awkward_graph, tmp_path / "graph.graphml")
    out = tmp_path / "graph.json"
    assert (
        export.run(parse(export, ["export", str(tmp_path), "--format", "json", "-o", str(out)]))
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    paper = next(n for n in data["nodes"] if n["key"] == "paper:p2")
    assert (paper["id"], paper["year"], paper["label"]) == ("p2", 2002, "Paper")
    graph = nx.node_link_graph(data, name="key", edges="links")
    assert contents(graph) == contents(read_graphml(tmp_path / "graph.graphml"))


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "json", "-o", "x.json"],
        ["export", "somewhere", "--from-db", "--format", "json", "-o", "x.json"],
    ],
)
def test_exactly_one_source_is_required(argv: list[str]) -> None:
    with pytest.raises(UsageError, match="either OUT_DIR_OR_GRAPHML or --from-db"):
        export.run(parse(export, argv))


def test_a_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    argv = ["export", str(tmp_path), "--format", "json", "-o", str(tmp_path / "x.json")]
    with pytest.raises(InputError, match="no graph at"):
        export.run(parse(export, argv))


def test_the_format_choices_are_the_registered_graph_formats(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert graph_formats() == ("cypher", "graphml", "json", "neo4j-admin")
    for fmt in graph_formats():
        assert parse(export, ["export", "out", "--format", fmt, "-o", "x"]).format == fmt
    with pytest.raises(SystemExit):
        parse(export, ["export", "out", "--format", "extractions", "-o", "x"])
    assert "invalid choice: 'extractions'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["graphml", "json", "cypher"])
def test_dash_writes_to_standard_output(
    fmt: str,
    awkward_graph: nx.MultiDiGraph,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    write_graphml(awkward_graph, tmp_path / "graph.graphml")
    argv = ["export", str(tmp_path), "--format", fmt, "-o", "-"]
    assert export.run(parse(export, argv)) == 0
    captured = capsysbinary.readouterr()
    assert not (Path.cwd() / "-").exists()
    assert b"exported 9 nodes and 7 relationships" in captured.err  # the summary stays apart
    assert b"to standard output" in captured.err
    assert b"exported" not in captured.out
    direct = tmp_path / f"direct.{fmt}"
    assert (
        export.run(parse(export, ["export", str(tmp_path), "--format", fmt, "-o", str(direct)]))
        == 0
    )
    assert captured.out == direct.read_bytes()


def test_an_output_that_cannot_be_written_is_an_output_error(
    awkward_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    write_graphml(awkward_graph, tmp_path / "graph.graphml")
    target = tmp_path / "missing" / "graph.json"
    argv = ["export", str(tmp_path), "--format", "json", "-o", str(target)]
    with pytest.raises(OutputError, match=r"cannot write .*missing"):
        export.run(parse(export, argv))
