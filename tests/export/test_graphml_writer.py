"""The fast GraphML writer writes the bytes NetworkX's writer writes for the same graph."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import OutputError
from kg.export.graphml import graphml_keys, plain_write_graphml, write_graphml
from kg.export.graphml_writer import NOT_XML
from kg.models import DatasetEntity, MethodEntity, Paper, Relation, SourceRef

# text XML can hold once encoded, and the characters escaping has to get right
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("&<>\"'\n\r\t ]")),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=12,
)
VALUES = st.one_of(
    TEXT,
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.lists(TEXT, max_size=3),
    st.none(),
)
# one value type per property name, as GraphML needs (integers and floats may mix)
NAMES = st.sampled_from(["name", "title", "year", "score", "flag", "aliases", "x&y", 'q"'])


def _typed(name: str, value: Any) -> Any:
    """``value`` turned into the one type the name ``name`` holds in these graphs."""
    if value is None:
        return None
    if name in ("name", "title", "x&y", 'q"'):
        return str(value)
    if name == "year":
        return int(value) if isinstance(value, int | float) else len(str(value))
    if name == "score":
        return value if isinstance(value, int | float) and not isinstance(value, bool) else 0.5
    if name == "flag":
        return bool(value)
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# node ids and edge keys are written as they are: XML must be able to hold them
IDS = TEXT.filter(lambda text: not NOT_XML.search(text))
PROPS = st.dictionaries(NAMES, VALUES, max_size=5).map(
    lambda d: {k: _typed(k, v) for k, v in d.items()}
)


def _both(graph: Any) -> tuple[bytes, bytes]:
    fast, plain = io.BytesIO(), io.BytesIO()
    write_graphml(graph, fast)
    plain_write_graphml(graph, plain)
    return fast.getvalue(), plain.getvalue()


@settings(max_examples=150, deadline=None)
@given(
    nodes=st.lists(st.tuples(IDS, PROPS), max_size=6),
    edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), IDS, PROPS), max_size=8),
    multigraph=st.booleans(),
    directed=st.booleans(),
)
def test_same_bytes_as_networkx(
    nodes: list[tuple[str, dict[str, Any]]],
    edges: list[tuple[int, int, str, dict[str, Any]]],
    multigraph: bool,
    directed: bool,
) -> None:
    kind = {
        (True, True): nx.MultiDiGraph,
        (True, False): nx.MultiGraph,
        (False, True): nx.DiGraph,
        (False, False): nx.Graph,
    }[(multigraph, directed)]
    graph = kind()
    for node, props in nodes:
        graph.add_node(node, **props)
    keys = list(graph)
    for source, target, key, props in edges:
        if keys:
            ends = keys[source % len(keys)], keys[target % len(keys)]
            if multigraph:
                graph.add_edge(*ends, key=key, **props)
            else:
                graph.add_edge(*ends, **props)
    fast, plain = _both(graph)
    assert fast == plain


def test_same_bytes_for_a_built_graph_with_labels_and_graph_data() -> None:
    from kg.graph import build_graph

    source = SourceRef(file="papers.jsonl", line=1)
    papers = [
        Paper(
            id="p1", title='A <b>"bold"</b> & new net', abstract="Line\none\r\ntwo", source=source
        ),
        Paper(id="p2", title="Second", abstract="", year=2021, source=source),
    ]
    entities = [
        MethodEntity(id="net", name="Net & Co", aliases=["Net", 'N"et']),
        DatasetEntity(id="set", name="Set-1K", aliases=[]),
    ]
    relations = [
        Relation(
            type="PROPOSES",
            source="p1",
            source_label="Paper",
            target="net",
            target_label="Method",
            evidence="We propose Net & Co.",
            confidence=0.9,
            rule="proposal",
        ),
        Relation(
            type="EVALUATES_ON",
            source="p2",
            source_label="Paper",
            target="set",
            target_label="Dataset",
            evidence="Results on Set-1K.",
            confidence=0.7,
            rule="dataset_cue",
        ),
    ]
    graph = build_graph(papers, entities, relations)
    graph.graph.update({"id": "corpus", "built_by": "tests", "papers": 2})
    fast, plain = _both(graph)
    assert fast == plain
    assert b'<node id="paper:p1">' in fast


def test_empty_graph() -> None:
    fast, plain = _both(nx.MultiDiGraph())
    assert fast == plain


def test_graph_with_defaults_is_written_by_networkx() -> None:
    graph = nx.MultiDiGraph(node_default={"color": "red"})
    graph.add_node("a", color="blue")
    fast, plain = _both(graph)
    assert fast == plain
    assert b"<default>red</default>" in fast


def test_keys_found_once_serve_both_writers() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", score=1)
    graph.add_node("b", score=0.5)
    keys = graphml_keys(graph)
    assert keys.floated == {"score"}
    assert keys.keys == (("node", "score", "double"),)
    fast = io.BytesIO()
    write_graphml(graph, fast, keys=keys)
    assert b'<data key="score">1.0</data>' in fast.getvalue()


def test_two_types_under_one_name_is_an_error() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", x="text")
    graph.add_node("b", x=3)
    with pytest.raises(OutputError, match="'x' has values of types long, string"):
        write_graphml(graph, io.BytesIO())


def test_an_id_xml_cannot_hold_is_an_error_naming_it() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:bad\x01id", title="fine")
    with pytest.raises(OutputError, match="bad"):
        write_graphml(graph, io.BytesIO())
