"""GraphML files: named key ids, exact NetworkX round trips, and what igraph and Neo4j's
``apoc.import.graphml(file, {readLabels: true})`` make of them."""

from __future__ import annotations

import io
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest

from kg.errors import OutputError
from kg.export import write_graphml
from kg.graph import build_graph, read_graphml
from kg.models import DatasetEntity, MethodEntity, Paper, Relation, RepositoryEntity, SourceRef
from kg.schema import schema

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}

AWKWARD = [
    "Quotes \"double\" and 'single', <tags>, & ampersands, ]]> and &amp; literally",
    "line one\nline two\r\nline three\rfour\ttabbed",
    "unicode: naïve 東京 \u2028 emoji 😀👩‍🔬 and combining e\u0301",
    "  leading and trailing spaces  ",
    "x" * 200_000 + " very long",
]


def relation(
    rel_type: str, paper: str, label: str, target: str, evidence: str, confidence: float
) -> Relation:
    return Relation(
        type=rel_type,
        source=paper,
        target_label=label,
        target=target,
        evidence=evidence,
        confidence=confidence,
        rule="test",
        introduced=True if rel_type == "EVALUATES_ON" else None,
    )


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Every label, every relationship type and every property type, with awkward text."""
    papers = [
        Paper(
            id=f"p{i}",
            title=text,
            abstract=text,
            authors=[text, "Ada Lovelace"],
            year=2000 + i,
            date="2021-03-13",
            doi=f"10.1000/{i}",
            url="https://example.org/?a=1&b=<2>",
            sources=[SourceRef(file="in put.jsonl", line=i + 1)],
        )
        for i, text in enumerate(AWKWARD)
    ]
    papers.append(Paper(id="bare", title="A paper with no links"))
    entities = [
        MethodEntity(id="m1", name=AWKWARD[0], aliases=AWKWARD[1:3]),
        MethodEntity(id="cnn", name="CNN", generic=True),
        DatasetEntity(id="imagenet", name="ImageNet"),
        RepositoryEntity(
            id="github.com/acme/tool",
            url="https://github.com/acme/tool",
            host="github.com",
            owner="acme",
            name="tool",
        ),
    ]
    relations = [
        relation("USES", f"p{i}", "Method", "m1", text, 0.125 * i) for i, text in enumerate(AWKWARD)
    ]
    relations += [
        relation("PROPOSES", "p0", "Method", "cnn", "We propose CNN.", 0.9),
        relation("EVALUATES_ON", "p0", "Dataset", "imagenet", "on ImageNet", 0.7),
        relation("HAS_CODE", "p1", "Repository", "github.com/acme/tool", "Code: …", 1.0),
    ]
    return build_graph(papers, entities, relations)


def written(graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    return path


def contents(graph: nx.MultiDiGraph) -> tuple[dict[Any, Any], dict[Any, Any]]:
    nodes = dict(graph.nodes(data=True))
    edges = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


def keys(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall("g:key", NS)


# (a) named key ids


def test_every_key_id_is_its_attribute_name_and_unique(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    found = keys(written(graph, tmp_path))
    assert found
    assert all(k.get("id") == k.get("attr.name") for k in found)
    ids = [k.get("id") for k in found]
    assert len(ids) == len(set(ids))
    scopes = {k.get("id"): k.get("for") for k in found}
    assert scopes["labels"] == "node"
    assert scopes["label"] == "edge"  # a node's label is its labels, read back from there
    assert (scopes["id"], scopes["year"], scopes["confidence"]) == ("node", "node", "edge")
    types = {k.get("id"): k.get("attr.type") for k in found}
    assert (types["year"], types["confidence"], types["generic"]) == ("long", "double", "boolean")
    assert types["aliases"] == types["authors"] == types["sources"] == "string"


def test_data_elements_name_their_keys(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = written(graph, tmp_path)
    root = ET.parse(path).getroot()
    declared = {(k.get("id"), k.get("for")) for k in keys(path)}
    for scope in ("node", "edge"):
        for element in root.iter(f"{{{NS['g']}}}{scope}"):
            for data in element.findall("g:data", NS):
                assert (data.get("key"), scope) in declared
    for edge in root.iter(f"{{{NS['g']}}}edge"):  # APOC reads the type from the first one
        assert edge.findall("g:data", NS)[0].get("key") == "label"


def test_the_edge_label_is_written_first_whatever_order_the_graph_holds(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:a", label="Paper", labels=":Paper", id="a")
    graph.add_node("method:b", label="Method", labels=":Method", id="b")
    graph.add_edge("paper:a", "method:b", key="USES", rule="r", confidence=0.5, label="USES")
    root = ET.parse(written(graph, tmp_path)).getroot()
    (edge,) = root.iter(f"{{{NS['g']}}}edge")
    assert [d.get("key") for d in edge.findall("g:data", NS)] == ["label", "rule", "confidence"]
    assert contents(read_graphml(tmp_path / "graph.graphml")) == contents(graph)


# (b) NetworkX reads back every node and edge attribute


def test_networkx_round_trip_is_exact(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    back = read_graphml(written(graph, tmp_path))
    assert contents(back) == contents(graph)
    assert back.nodes["paper:p4"]["title"] == AWKWARD[4]
    assert back.nodes["paper:p1"]["title"] == AWKWARD[1]  # carriage returns survive too
    assert back.nodes["method:m1"]["aliases"] == AWKWARD[1:3]


def test_plain_networkx_sees_labels_types_and_json_lists(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    raw = nx.read_graphml(written(graph, tmp_path), force_multigraph=True)
    assert raw.nodes["paper:p0"]["labels"] == ":Paper"
    assert raw.nodes["paper:p0"]["year"] == 2000
    assert {d["label"] for _, _, d in raw.edges(data=True)} == {
        "PROPOSES",
        "USES",
        "EVALUATES_ON",
        "HAS_CODE",
    }
    assert json.loads(raw.nodes["paper:p0"]["authors"]) == [AWKWARD[0], "Ada Lovelace"]


def test_the_empty_graph_round_trips(tmp_path: Path) -> None:
    empty = nx.MultiDiGraph()
    back = read_graphml(written(empty, tmp_path))
    assert (back.number_of_nodes(), back.number_of_edges()) == (0, 0)
    assert keys(tmp_path / "graph.graphml") == []


def test_lists_of_any_length_round_trip(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    for i, aliases in enumerate([[], ["one"], ['q"uote', "[bracket]", "a,b", ""], ["é"] * 50]):
        graph.add_node(f"method:{i}", label="Method", labels=":Method", id=str(i), aliases=aliases)
    assert contents(read_graphml(written(graph, tmp_path))) == contents(graph)


def test_an_open_binary_file_gets_the_same_bytes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    assert not buffer.closed
    assert buffer.getvalue() == written(graph, tmp_path).read_bytes()
    assert contents(read_graphml(io.BytesIO(buffer.getvalue()))) == contents(graph)


def test_writing_leaves_the_graph_as_it_was(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    graph.graph["id"] = "corpus"  # NetworkX's writer pops this from the graph it is given
    before = contents(graph)
    written(graph, tmp_path)
    assert graph.graph == {"id": "corpus"}
    assert contents(graph) == before


def test_a_node_label_unlike_its_labels_is_written_and_read_as_is(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("x", label="Custom", id="x")  # no labels: label is written
    graph.add_node("y", labels=":Paper", id="y")  # no label: none is invented... but restored
    back = read_graphml(written(graph, tmp_path))
    assert back.nodes["x"] == {"label": "Custom", "id": "x"}
    assert back.nodes["y"] == {"label": "Paper", "labels": ":Paper", "id": "y"}


def test_a_file_with_node_labels_written_out_still_reads(tmp_path: Path) -> None:
    """Files written before node labels were left out carry both; they read the same."""
    path = tmp_path / "old.graphml"
    graph = nx.MultiDiGraph()
    graph.add_node("paper:a", label="Paper", labels=":Paper", id="a", authors='["A", "B"]')
    nx.write_graphml(graph, str(path))
    assert read_graphml(path).nodes["paper:a"] == {
        "label": "Paper",
        "labels": ":Paper",
        "id": "a",
        "authors": ["A", "B"],
    }


def test_characters_xml_cannot_hold_become_replacement_characters(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:a", id="a", title="form\x0cfeed, nul\x00, bell\x07", authors=["x\x1b"])
    back = read_graphml(written(graph, tmp_path))
    assert back.nodes["paper:a"]["title"] == "form\ufffdfeed, nul\ufffd, bell\ufffd"
    assert back.nodes["paper:a"]["authors"] == ["x\x1b"]  # JSON escapes it: \u001b


def test_integers_and_floats_under_one_name_are_written_as_floats(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a")
    graph.add_node("b")
    graph.add_edge("a", "b", key="USES", label="USES", confidence=1)
    graph.add_edge("a", "b", key="PROPOSES", label="PROPOSES", confidence=0.5)
    back = read_graphml(written(graph, tmp_path))
    confidences = {k: d["confidence"] for _, _, k, d in back.edges(keys=True, data=True)}
    assert confidences == {"USES": 1.0, "PROPOSES": 0.5}
    assert all(isinstance(c, float) for c in confidences.values())
    assert graph.edges["a", "b", "USES"]["confidence"] == 1  # the graph itself is untouched


@pytest.mark.parametrize(
    ("first", "second"), [("text", 2020), (True, 1), (2020, ["a list"]), (0.5, False)]
)
def test_one_name_with_two_types_is_refused(first: Any, second: Any, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", value=first)
    graph.add_node("b", value=second)
    with pytest.raises(OutputError, match="one type per property name, but 'value'"):
        written(graph, tmp_path)
    assert list(tmp_path.iterdir()) == []  # refused before anything is written


def test_a_string_and_a_list_are_one_type(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", value="text")
    graph.add_node("b", value=["a list"])  # not a list property: read back as its JSON text
    assert read_graphml(written(graph, tmp_path)).nodes["b"] == {"value": '["a list"]'}


def test_a_name_on_nodes_and_edges_with_two_types_is_refused(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", weight=1)
    graph.add_edge("a", "a", key="K", weight="heavy")
    with pytest.raises(OutputError, match="'weight'"):
        written(graph, tmp_path)


def test_a_name_on_nodes_and_edges_with_one_type_is_read_per_scope(tmp_path: Path) -> None:
    """Not so in kg's schema, but allowed: NetworkX writes a key per scope under one id."""
    graph = nx.MultiDiGraph()
    graph.add_node("a", weight=1.5)
    graph.add_edge("a", "a", key="K", weight=2.5)
    path = written(graph, tmp_path)
    assert sorted((k.get("id"), k.get("for")) for k in keys(path)) == [
        ("weight", "edge"),
        ("weight", "node"),
    ]
    assert contents(read_graphml(path)) == contents(graph)
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vs["weight"], read.es["weight"]) == ([1.5], [2.5])
    nodes, relationships = apoc_import(path)
    assert nodes["a"][1] == {"weight": 1.5}
    assert relationships == [("a", "a", "UNKNOWN", {})]  # no label: APOC's default type


def test_values_graphml_cannot_hold_are_refused(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", value={"a": "map"})
    with pytest.raises(OutputError, match="cannot hold a dict"):
        written(graph, tmp_path)


def test_none_values_are_left_out(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", id="a", doi=None)
    assert read_graphml(written(graph, tmp_path)).nodes["a"] == {"id": "a"}


# (c) igraph


def test_igraph_reads_counts_and_attributes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    # igraph would put the GraphML node ids in an "id" attribute; the nodes' own id wins
    with pytest.warns(RuntimeWarning, match="already an 'id' vertex attribute"):
        read = igraph.Graph.Read_GraphML(str(written(graph, tmp_path)))
    assert read.vcount() == graph.number_of_nodes()
    assert read.ecount() == graph.number_of_edges()
    assert read.is_directed()
    assert {"labels", "name", "title", "year", "aliases"} <= set(read.vs.attributes())
    assert {"label", "confidence", "evidence", "rule", "introduced"} <= set(read.es.attributes())
    order = list(graph.nodes)  # igraph keeps the file's order, which is the graph's
    by_key = dict(zip(order, read.vs, strict=True))
    assert by_key["method:cnn"]["name"] == "CNN"
    assert by_key["method:cnn"]["id"] == "cnn"
    assert by_key["method:cnn"]["labels"] == ":Method"
    assert by_key["paper:p2"]["title"] == AWKWARD[2]
    assert by_key["paper:p2"]["year"] == 2002
    assert json.loads(by_key["method:m1"]["aliases"]) == AWKWARD[1:3]
    edges = sorted(
        (order[e.source], order[e.target], e["label"], e["confidence"], e["evidence"])
        for e in read.es
    )
    expected = sorted(
        (u, v, d["label"], d["confidence"], d["evidence"]) for u, v, d in graph.edges(data=True)
    )
    assert edges == expected


# (d) Neo4j's apoc.import.graphml(file, {readLabels: true})


def apoc_value(kind: str | None, text: str | None) -> Any:
    """A data value as APOC's XmlGraphMLReader parses it by its key's attr.type; blank text is
    an empty string."""
    if text is None or not text.strip():
        return ""
    kind = (kind or "string").lower()
    if kind == "boolean":
        return text.lower() == "true"  # Java Boolean.valueOf
    if kind in ("int", "long"):
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    return text


def apoc_labels(text: str) -> list[str]:
    return [part.strip() for part in re.split(" *: *", text.strip()) if part.strip()]


def apoc_import(
    path: Path,
) -> tuple[dict[str, tuple[list[str], dict[str, Any]]], list[tuple[str, str, str, dict[str, Any]]]]:
    """What ``apoc.import.graphml(path, {readLabels: true})`` creates, following APOC's
    XmlGraphMLReader: keys are looked up by id, for nodes (``for`` absent or "node") or else for
    relationships, a data key without a declared key reads as a string property named by the
    key; a node's ``labels`` attribute or ``labels`` data become its labels (split at colons);
    the relationship type is the edge's ``label`` attribute, or the text of its first data
    element when that element's key is ``label`` (else UNKNOWN, and that element is consumed);
    relationship ``label`` data is never a property. Returns nodes by GraphML id as (labels,
    properties) and relationships as (source id, target id, type, properties)."""
    root = ET.parse(path).getroot()
    node_keys: dict[str, tuple[str, str | None]] = {}
    rel_keys: dict[str, tuple[str, str | None]] = {}
    for key in root.findall("g:key", NS):
        scope = key.get("for")
        table = node_keys if scope is None or scope.lower() == "node" else rel_keys
        table[str(key.get("id"))] = (str(key.get("attr.name")), key.get("attr.type"))
    nodes: dict[str, tuple[list[str], dict[str, Any]]] = {}
    for element in root.iter(f"{{{NS['g']}}}node"):
        labels = apoc_labels(element.get("labels") or "")
        props: dict[str, Any] = {}
        for data in element.findall("g:data", NS):
            ident = str(data.get("key"))
            name, kind = node_keys.get(ident, (ident, "string"))
            value = apoc_value(kind, data.text)
            if ident == "labels":
                labels += apoc_labels(str(value))
            else:
                props[name] = value
        nodes[str(element.get("id"))] = (labels, props)
    relationships = []
    for element in root.iter(f"{{{NS['g']}}}edge"):
        data_elements = element.findall("g:data", NS)
        rel_type = element.get("label")
        if rel_type is None:
            first = data_elements[0] if data_elements else None
            if first is not None and first.get("key") == "label" and (first.text or "").strip():
                rel_type = (first.text or "").replace(":", "").strip()
            else:
                rel_type = "UNKNOWN"
            data_elements = data_elements[1:]
        props = {}
        for data in data_elements:
            ident = str(data.get("key"))
            if ident == "label":
                continue
            name, kind = rel_keys.get(ident, (ident, "string"))
            props[name] = apoc_value(kind, data.text)
        relationships.append(
            (str(element.get("source")), str(element.get("target")), rel_type, props)
        )
    return nodes, relationships


def _as_neo4j_stores(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as they arrive through APOC: lists as the JSON text the file holds."""
    lists = schema().list_properties
    return {k: json.dumps(v, ensure_ascii=False) if k in lists else v for k, v in props.items()}


def test_apoc_import_with_read_labels_gives_the_graph(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    nodes, relationships = apoc_import(written(graph, tmp_path))
    expected_nodes = {
        key: (
            [data["label"]],
            _as_neo4j_stores({k: v for k, v in data.items() if k not in ("label", "labels")}),
        )
        for key, data in graph.nodes(data=True)
    }
    assert nodes == expected_nodes
    expected_relationships = sorted(
        (u, v, data["label"], {k: w for k, w in data.items() if k != "label"})
        for u, v, data in graph.edges(data=True)
    )
    assert sorted(relationships, key=repr) == sorted(expected_relationships, key=repr)
    assert "UNKNOWN" not in {rel_type for _, _, rel_type, _ in relationships}
    assert {label for labels, _ in nodes.values() for label in labels} == {
        "Paper",
        "Method",
        "Dataset",
        "Repository",
    }
    # what Neo4j holds is what 'kg load' writes: the label is a label, never a property
    assert all("label" not in props and "labels" not in props for _, props in nodes.values())


def test_apoc_reads_floats_booleans_and_integers_typed(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    nodes, relationships = apoc_import(written(graph, tmp_path))
    assert nodes["paper:p3"][1]["year"] == 2003
    assert nodes["method:cnn"][1]["generic"] is True
    introduced = [p["introduced"] for _, _, t, p in relationships if t == "EVALUATES_ON"]
    assert introduced == [True]
    confidences = sorted(p["confidence"] for _, _, t, p in relationships if t == "USES")
    assert confidences == [0.0, 0.125, 0.25, 0.375, 0.5]
    assert all(math.isfinite(c) for c in confidences)
