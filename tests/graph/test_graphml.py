"""Reading GraphML back: the graph as written, list properties decoded, node labels restored,
and a built graph found from its out dir or file. How the file is written is tested in
tests/export/test_graphml.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InputError
from kg.graph import GRAPHML_NAME, graphml_path, read_built_graph, read_graphml, write_graphml


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
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [k.get("id") for k in ET.parse(path).getroot().findall("g:key", ns)]
    assert len(ids) == len(set(ids))


def test_a_built_graph_is_found_from_its_out_dir_or_its_file(
    small_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    write_graphml(small_graph, tmp_path / GRAPHML_NAME)
    assert graphml_path(tmp_path) == tmp_path / GRAPHML_NAME
    from_dir, path = read_built_graph(tmp_path)
    assert path == tmp_path / GRAPHML_NAME
    from_file, _ = read_built_graph(str(path))
    assert dict(from_dir.nodes(data=True)) == dict(from_file.nodes(data=True))
    assert from_dir.number_of_edges() == small_graph.number_of_edges()


def test_a_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no graph at .*graph.graphml .*kg build"):
        read_built_graph(tmp_path)


@pytest.mark.parametrize("text", ["not xml at all", "<graphml><graph><node/></graph>"])
def test_a_file_that_is_not_graphml_is_a_clear_error(text: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.graphml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not a readable GraphML file"):
        read_built_graph(path)


def test_the_streams_read_a_file_whose_nodes_and_edges_interleave(tmp_path: Path) -> None:
    from kg.graph.graphml import iter_graphml_edges, iter_graphml_nodes

    path = tmp_path / "mixed.graphml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
        '<key id="d1" for="node" attr.name="name" attr.type="string"/>'
        '<key id="d2" for="edge" attr.name="confidence" attr.type="double"/>'
        '<graph edgedefault="directed">'
        '<node id="paper:a"><data key="d0">Paper</data></node>'
        '<edge source="paper:a" target="method:m" id="USES"><data key="d2">0.5</data></edge>'
        '<node id="method:m"><data key="d0">Method</data><data key="d1">M</data></node>'
        '<edge source="paper:b" target="method:m" id="USES"/>'
        '<node id="paper:b"><data key="d0">Paper</data></node>'
        "</graph></graphml>",
        encoding="utf-8",
    )
    nodes = list(iter_graphml_nodes(path))
    assert [key for key, _ in nodes] == ["paper:a", "method:m", "paper:b"]
    assert nodes[1][1]["name"] == "M" and nodes[1][1]["label"] == "Method"
    edges = list(iter_graphml_edges(path))
    assert [(s, t, k) for s, t, k, _ in edges] == [
        ("paper:a", "method:m", "USES"),
        ("paper:b", "method:m", "USES"),
    ]
    assert edges[0][3] == {"confidence": 0.5}


def test_one_pass_gives_what_the_two_passes_give(
    small_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    from kg.graph.graphml import graphml_in_one_pass, iter_graphml_edges, iter_graphml_nodes

    path = tmp_path / "g.graphml"
    write_graphml(small_graph, path)
    nodes, edges = graphml_in_one_pass(path)
    assert list(nodes) == list(iter_graphml_nodes(path))
    assert list(edges) == list(iter_graphml_edges(path))


def test_one_pass_refuses_a_node_after_an_edge(tmp_path: Path) -> None:
    from kg.graph.graphml import NodesAfterEdges, graphml_in_one_pass

    path = tmp_path / "mixed.graphml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
        '<graph edgedefault="directed">'
        '<node id="paper:a"><data key="d0">Paper</data></node>'
        '<edge source="paper:a" target="method:m" id="USES"/>'
        '<node id="method:m"><data key="d0">Method</data></node>'
        "</graph></graphml>",
        encoding="utf-8",
    )
    nodes, edges = graphml_in_one_pass(path)
    assert [key for key, _ in nodes] == ["paper:a"]
    with pytest.raises(NodesAfterEdges):
        list(edges)


def test_an_undeclared_data_key_is_named(tmp_path: Path) -> None:
    from kg.graph.graphml import graphml_in_one_pass

    path = tmp_path / "bad.graphml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<graph edgedefault="directed"><node id="paper:a"><data key="zz">x</data></node>'
        "</graph></graphml>",
        encoding="utf-8",
    )
    nodes, _edges = graphml_in_one_pass(path)
    with pytest.raises(InputError, match="node 'paper:a': <data key='zz'> has no <key>"):
        list(nodes)
