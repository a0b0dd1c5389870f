from __future__ import annotations

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
