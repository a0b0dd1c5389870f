"""Row tables of a graph: grouping, order, missing values and the schema checks."""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import networkx as nx
import pytest

from kg.errors import StoreError
from kg.graph.tables import SchemaViolation, Table, graph_tables


def node(graph: nx.MultiDiGraph, label: str, ident: str, **props: Any) -> str:
    key = f"{label.lower()}:{ident}"
    graph.add_node(key, label=label, labels=f":{label}", id=ident, **props)
    return key


def edge(graph: nx.MultiDiGraph, source: str, target: str, rel: str, **props: Any) -> None:
    graph.add_edge(source, target, key=rel, label=rel, **props)


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    p1 = node(graph, "Paper", "p1", title="One", year=2020)
    p2 = node(graph, "Paper", "p2", title="Two", year=2021)
    p3 = node(graph, "Paper", "p3", title="Three")
    resnet = node(graph, "Method", "resnet", name="ResNet", aliases=["ResNet-50"])
    imagenet = node(graph, "Dataset", "imagenet", name="ImageNet")
    edge(graph, p1, resnet, "PROPOSES", confidence=0.9, evidence="e1")
    edge(graph, p1, resnet, "USES", confidence=0.5, evidence="e2")
    edge(graph, p2, resnet, "USES", confidence=0.7, evidence="e3")
    edge(graph, p3, imagenet, "EVALUATES_ON", introduced=True)
    return graph


def summary(tables: list[Table]) -> list[tuple[str, tuple[str, ...], int]]:
    return [(t.group, t.properties, len(t.rows)) for t in tables]


def test_nodes_group_by_label_and_properties_and_come_before_relationships(
    graph: nx.MultiDiGraph,
) -> None:
    tables = graph_tables(graph)
    assert summary(tables) == [
        ("Dataset", ("name",), 1),
        ("Method", ("aliases", "name"), 1),
        ("Paper", ("title",), 1),
        ("Paper", ("title", "year"), 2),
        ("(Paper)-[EVALUATES_ON]->(Dataset)", ("introduced",), 1),
        ("(Paper)-[PROPOSES]->(Method)", ("confidence", "evidence"), 1),
        ("(Paper)-[USES]->(Method)", ("confidence", "evidence"), 2),
    ]
    assert [t.kind for t in tables] == ["nodes"] * 4 + ["relationships"] * 3


def test_rows_hold_the_ids_then_the_values_in_property_order(graph: nx.MultiDiGraph) -> None:
    tables = {(t.group, t.properties): t for t in graph_tables(graph)}
    papers = tables[("Paper", ("title", "year"))]
    assert (papers.names, papers.first) == (("Paper",), 1)
    assert papers.rows == [("p1", "One", 2020), ("p2", "Two", 2021)]
    uses = tables[("(Paper)-[USES]->(Method)", ("confidence", "evidence"))]
    assert (uses.names, uses.first) == (("Paper", "USES", "Method"), 2)
    assert uses.rows == [("p1", "resnet", 0.5, "e2"), ("p2", "resnet", 0.7, "e3")]


def test_a_property_without_a_value_is_left_out_of_its_row(graph: nx.MultiDiGraph) -> None:
    graph.nodes["paper:p2"]["year"] = None
    papers = [t for t in graph_tables(graph) if t.group == "Paper"]
    assert [(t.properties, t.rows) for t in papers] == [
        (("title",), [("p3", "Three"), ("p2", "Two")]),
        (("title", "year"), [("p1", "One", 2020)]),
    ]


def test_an_empty_graph_has_no_tables() -> None:
    assert graph_tables(nx.MultiDiGraph()) == []


def test_ids_are_text(graph: nx.MultiDiGraph) -> None:
    node(graph, "Method", "x")
    graph.nodes["method:x"]["id"] = 7
    method = [t for t in graph_tables(graph) if t.group == "Method" and not t.properties]
    assert method[0].rows == [("7",)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: node(g, "Person", "x"), "unknown node label 'Person'"),
        (
            lambda g: edge(g, "paper:p1", "paper:p2", "CITES"),
            "unknown relationship type 'CITES'",
        ),
        (
            lambda g: g.nodes["paper:p1"].update({"bad name": 1}),
            "node 'paper:p1': property name 'bad name' is not a plain identifier",
        ),
        (lambda g: g.nodes["paper:p1"].pop("id"), "node 'paper:p1' has no 'id' property"),
        (lambda g: g.nodes["paper:p1"].update(id=""), "node 'paper:p1' has no 'id' property"),
        (
            lambda g: g.nodes["paper:p1"].update(extra=math.nan),
            "Paper node 'p1': property 'extra' is nan, which cannot be stored",
        ),
        (
            lambda g: g.nodes["paper:p1"].update(extra=[1, "a"]),
            "list property 'extra' mixes value types",
        ),
        (
            lambda g: g.nodes["paper:p1"].update(extra=[1.0, math.inf]),
            "list property 'extra' holds a number",
        ),
        (lambda g: g.nodes["paper:p1"].update(extra={"a": 1}), "property 'extra' has a dict"),
        (lambda g: g.nodes["paper:p1"].update(extra=[[1]]), "property 'extra' has a list"),
        (
            lambda g: g.edges["paper:p1", "method:resnet", "USES"].update(confidence=math.inf),
            "relationship (Paper)-[USES]->(Method) from 'p1' to 'resnet': property 'confidence'",
        ),
    ],
)
def test_what_the_schema_does_not_allow_is_a_violation(
    graph: nx.MultiDiGraph, change: Any, message: str
) -> None:
    change(graph)
    with pytest.raises(SchemaViolation) as caught:
        graph_tables(graph)
    assert message in caught.value.message
    assert isinstance(caught.value, StoreError)  # printed as a plain error with its code


def test_the_graph_stage_does_not_import_the_store() -> None:
    script = "import sys, kg.graph.tables\nprint('kg.store' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
