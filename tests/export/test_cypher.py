"""The Cypher script: one literal encoder, statements from the graph's row tables."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from kg.export.cypher import literal, script_lines, write_script
from kg.graph.tables import SchemaViolation


def test_literals_escape_what_would_end_the_string_or_the_line() -> None:
    assert literal('a "b" \\ c\nd\re\tf') == '"a \\"b\\" \\\\ c\\nd\\re\\tf"'
    assert literal([1, 2.5, True, "x"]) == '[1, 2.5, true, "x"]'


@pytest.mark.parametrize("value", [float("nan"), {"a": 1}, None])
def test_values_without_a_literal_are_rejected(value: object) -> None:
    with pytest.raises(SchemaViolation):
        literal(value)


def small_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p1", label="Paper", labels=":Paper", id="p1", title='A "b"', year=2020)
    graph.add_node("paper:p2", label="Paper", labels=":Paper", id="p2", title="C")
    graph.add_node("method:m", label="Method", labels=":Method", id="m", name="M", aliases=["x"])
    graph.add_edge("paper:p1", "method:m", key="USES", label="USES", confidence=0.5)
    return graph


def test_the_script_merges_nodes_table_by_table_then_relationships() -> None:
    assert list(script_lines(small_graph())) == [
        'MERGE (n:Method {id: "m"}) SET n.aliases = ["x"], n.name = "M";',
        'MERGE (n:Paper {id: "p2"}) SET n.title = "C";',
        'MERGE (n:Paper {id: "p1"}) SET n.title = "A \\"b\\"", n.year = 2020;',
        'MATCH (s:Paper {id: "p1"}), (t:Method {id: "m"}) '
        "MERGE (s)-[r:USES]->(t) SET r.confidence = 0.5;",
    ]


def test_write_script_counts_the_statements_after_a_header_comment() -> None:
    handle = io.StringIO()
    assert write_script(small_graph(), handle) == 4
    lines = handle.getvalue().splitlines()
    assert lines[0].startswith("// ") and len(lines) == 5


def test_a_graph_outside_the_schema_writes_nothing() -> None:
    graph = small_graph()
    graph.add_node("person:x", label="Person", labels=":Person", id="x")
    handle = io.StringIO()
    with pytest.raises(SchemaViolation, match="unknown node label 'Person'"):
        write_script(graph, handle)
    assert "MERGE (" not in handle.getvalue()
