from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.graph import read_graphml, write_graphml


def test_round_trip_keeps_everything(small_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(small_graph, path)
    back = read_graphml(path)
    assert back.number_of_nodes() == small_graph.number_of_nodes()
    assert back.number_of_edges() == small_graph.number_of_edges()
    assert dict(back.nodes(data=True)) == dict(small_graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(
        small_graph.edges(keys=True, data=True)
    )


def test_plain_networkx_reader_sees_labels_and_types(
    small_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(small_graph, path)
    raw = nx.read_graphml(path)
    assert raw.nodes["paper:p1"]["labels"] == ":Paper"
    assert {d["label"] for _, _, d in raw.edges(data=True)} == {
        "PROPOSES",
        "USES",
        "EVALUATES_ON",
        "HAS_CODE",
    }
    # lists are JSON arrays inside strings, the documented encoding
    assert raw.nodes["paper:p1"]["authors"] == '["Ada Lovelace", "Alan Turing"]'


def test_key_ids_are_unique_xml_ids(small_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(small_graph, path)
    import xml.etree.ElementTree as ET

    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [k.get("id") for k in ET.parse(path).getroot().findall("g:key", ns)]
    assert len(ids) == len(set(ids))


def _networkx_file(graph: nx.MultiDiGraph, path: Path) -> bytes:
    """What NetworkX's own writer makes of ``graph`` after list properties are encoded."""
    encoded = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        encoded.add_node(node, **{k: _as_json(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        encoded.add_edge(source, target, key=key, **{k: _as_json(v) for k, v in data.items()})
    nx.write_graphml(encoded, str(path), encoding="utf-8")
    return path.read_bytes()


def _as_json(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def test_streamed_file_is_the_networkx_file(small_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    graph = small_graph.copy()
    graph.add_node("method:odd", label="Method", name='<a & "b">\n\té 中', aliases=["x<y", "z"])
    graph.add_node("dataset:bare")
    graph.add_edge("method:odd", "dataset:bare", key="USES", confidence=0.5, introduced=False)
    write_graphml(graph, tmp_path / "ours.graphml")
    assert (tmp_path / "ours.graphml").read_bytes() == _networkx_file(
        graph, tmp_path / "nx.graphml"
    )


def test_empty_graph_is_the_networkx_file(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    write_graphml(graph, tmp_path / "ours.graphml")
    assert (tmp_path / "ours.graphml").read_bytes() == _networkx_file(
        graph, tmp_path / "nx.graphml"
    )
