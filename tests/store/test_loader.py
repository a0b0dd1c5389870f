from __future__ import annotations

import math
import os
import signal
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.models import DatasetEntity, MethodEntity, Paper
from kg.schema import NodeLabel
from kg.store import (
    Batch,
    LoadInterrupted,
    SchemaViolation,
    StoreSettings,
    WriteCounts,
    load_graph,
    open_store,
    stop_server,
)
from kg.store.falkordb_store import FalkorStore
from kg.store.loader import plan_batches
from kg.store.server import ensure_server

from .conftest import relation

COUNT_NODES = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label"
COUNT_RELS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type"


def counts(store: FalkorStore) -> tuple[list[list[object]], list[list[object]]]:
    return store.query(COUNT_NODES, {}).rows, store.query(COUNT_RELS, {}).rows


def test_load_writes_every_node_and_relationship(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    summary = load_graph(store, two_paper_graph)
    assert (summary.nodes_created, summary.nodes_updated) == (5, 0)
    assert (summary.relationships_created, summary.relationships_updated) == (4, 0)
    assert counts(store) == (
        [["Dataset", 1], ["Method", 1], ["Paper", 2], ["Repository", 1]],
        [["EVALUATES_ON", 1], ["HAS_CODE", 1], ["PROPOSES", 1], ["USES", 1]],
    )
    row = store.query(
        "MATCH (:Paper {id: 'p2'})-[r:EVALUATES_ON]->(d:Dataset) "
        "RETURN r.introduced, r.confidence, r.evidence, d.name",
        {},
    ).rows
    assert row == [[False, 0.9, "p2 evaluates_on imagenet.", "ImageNet"]]


def test_schema_indexes_are_created_once(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    first = load_graph(store, two_paper_graph)
    second = load_graph(store, two_paper_graph)
    assert sorted(first.schema_created) == sorted(f"index on :{label}(id)" for label in NodeLabel)
    assert "index on :Paper(id)" in first.schema_created
    assert second.schema_created == []
    assert store.existing_indexes() == {str(label) for label in NodeLabel}


def test_loading_twice_changes_no_counts(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    load_graph(store, two_paper_graph, batch_size=2)
    before = counts(store)
    again = load_graph(store, two_paper_graph, batch_size=3)
    assert counts(store) == before
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert (again.nodes_updated, again.relationships_updated) == (5, 4)


def test_a_second_graph_adds_without_duplicating_shared_entities(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    load_graph(store, two_paper_graph)
    newer = build_graph(
        [Paper(id="p3", title="Third")],
        [
            MethodEntity(id="resnet", name="ResNet", aliases=["ResNet-50"]),
            MethodEntity(id="vit", name="ViT"),
            DatasetEntity(id="imagenet", name="ImageNet"),
        ],
        [
            relation("USES", "p3", "Method", "resnet"),
            relation("PROPOSES", "p3", "Method", "vit"),
            relation("EVALUATES_ON", "p3", "Dataset", "imagenet", introduced=False),
        ],
    )
    summary = load_graph(store, newer)
    assert (summary.nodes_created, summary.nodes_updated) == (2, 2)
    assert counts(store)[0] == [["Dataset", 1], ["Method", 2], ["Paper", 3], ["Repository", 1]]
    users = store.query(
        "MATCH (p:Paper)-[:USES]->(:Method {id: 'resnet'}) RETURN p.id ORDER BY p.id", {}
    )
    assert users.rows == [["p2"], ["p3"]]


AWKWARD_TEXTS = [
    "He said \"hello\" and 'bye'",
    "back\\slash, \\n not a newline, \\\\ double",
    "line one\nline two\r\nline three\ttabbed",
    "MATCH (n) DETACH DELETE n; // RETURN 1 /* comment */",
    "$rows $0 ${x} {id: 1} `backtick` }",
    "unicode: naïve café 東京 Ωμέγα \u2028 and emoji 😀🧪👩‍🔬",
    "control \x01\x1f\x7f and \\u00e9 is not an escape, \b\f",
    "",
]


def test_awkward_strings_and_a_100kb_abstract_round_trip_exactly(store: FalkorStore) -> None:
    big = ('Long abstract with "quotes", \\ and\nnewlines 😀. ' * 2200)[:100_000]
    papers = [
        Paper(id=f"p{i}", title=text, abstract=text, authors=[text, "plain"])
        for i, text in enumerate(AWKWARD_TEXTS)
    ]
    papers.append(Paper(id="big", title="Big", abstract=big))
    papers.append(Paper(id='odd "id" \\ 😀', title="odd id"))
    load_graph(store, build_graph(papers, [], []))
    rows = store.query("MATCH (p:Paper) RETURN p.id, p.title, p.abstract, p.authors", {}).rows
    stored = {row[0]: row[1:] for row in rows}
    for i, text in enumerate(AWKWARD_TEXTS):
        title, abstract, authors = stored[f"p{i}"]
        assert title == text
        assert abstract == text
        assert authors == [text, "plain"]
    assert stored["big"][1] == big and len(big) == 100_000
    assert stored['odd "id" \\ 😀'][0] == "odd id"


def test_a_property_without_a_value_leaves_the_stored_one(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    load_graph(store, two_paper_graph)
    two_paper_graph.nodes["paper:p2"]["year"] = None
    two_paper_graph.nodes["paper:p2"]["title"] = "Second, revised"
    load_graph(store, two_paper_graph)
    rows = store.query("MATCH (p:Paper {id: 'p2'}) RETURN p.year, p.title", {}).rows
    assert rows == [[2020, "Second, revised"]]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (math.nan, "property 'extra' is nan"),
        ([1, "a"], "list property 'extra' mixes value types"),
        ([1.0, math.inf], "list property 'extra' holds a number"),
        ([[1]], "property 'extra' has a list"),
    ],
)
def test_values_that_cannot_be_stored_are_rejected(
    two_paper_graph: nx.MultiDiGraph, value: object, message: str
) -> None:
    two_paper_graph.nodes["paper:p1"]["extra"] = value
    with pytest.raises(SchemaViolation, match=message):
        load_graph(FalkorStore.__new__(FalkorStore), two_paper_graph)


def test_lists_are_stored_as_native_lists(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    load_graph(store, two_paper_graph)
    rows = store.query(
        "MATCH (m:Method) RETURN size(m.aliases), m.aliases[1], "
        "[a IN m.aliases WHERE a STARTS WITH 'ResNet-']",
        {},
    ).rows
    assert rows == [[2, "ResNet50", ["ResNet-50"]]]


def test_a_node_label_outside_the_schema_is_rejected_before_writing(store: FalkorStore) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("person:x", label="Person", labels=":Person", id="x")
    with pytest.raises(SchemaViolation, match="unknown node label 'Person'"):
        load_graph(store, graph)
    assert store.graph.name not in store.db.list_graphs()


def test_a_relationship_type_outside_the_schema_is_rejected(
    store: FalkorStore, two_paper_graph: nx.MultiDiGraph
) -> None:
    two_paper_graph.add_edge("paper:p1", "paper:p2", key="CITES", label="CITES")
    with pytest.raises(SchemaViolation, match="unknown relationship type 'CITES'"):
        load_graph(store, two_paper_graph)


def test_a_map_valued_property_is_rejected(two_paper_graph: nx.MultiDiGraph) -> None:
    two_paper_graph.nodes["paper:p1"]["extra"] = {"a": 1}
    with pytest.raises(SchemaViolation, match="property 'extra' has a dict"):
        load_graph(FalkorStore.__new__(FalkorStore), two_paper_graph)


def many_papers(count: int) -> nx.MultiDiGraph:
    papers = [Paper(id=f"p{i}", title=f"Paper {i}") for i in range(count)]
    methods = [MethodEntity(id=f"m{i % 7}", name=f"M{i % 7}") for i in range(7)]
    relations = [relation("USES", f"p{i}", "Method", f"m{i % 7}") for i in range(count)]
    return build_graph(papers, methods, relations)


def test_a_server_lost_mid_load_names_the_batches_written_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    settings = StoreSettings(kg_home=home)
    graph = many_papers(50)  # 57 nodes and 50 relationships: 11 batches of at most 10
    try:
        store = open_store(None, "crash", settings)
        victim = ensure_server(home).pid

        def kill_after_third(_batch: Batch, _counts: WriteCounts) -> None:
            nonlocal written
            written += 1
            if written == 3:
                os.kill(victim, signal.SIGKILL)

        written = 0
        with pytest.raises(LoadInterrupted) as caught:
            load_graph(store, graph, batch_size=10, on_batch=kill_after_third)
        assert caught.value.batches_written == 3
        assert caught.value.batches_total == 11
        assert "after 3 of 11 batches were written" in str(caught.value)
        assert "Re-run the same command" in str(caught.value)

        notices: list[str] = []
        rerun = open_store(None, "crash", settings, notify=notices.append)
        assert "no longer running" in notices[0]
        load_graph(rerun, graph, batch_size=10)
        assert counts(rerun) == ([["Method", 7], ["Paper", 50]], [["USES", 50]])
    finally:
        stop_server(home, notify=lambda _m: None)


def test_batches_cut_each_table_into_statements_of_at_most_the_batch_size() -> None:
    graph = many_papers(12)  # 12 papers and 7 methods; 12 USES
    batches = plan_batches(graph, batch_size=5)
    assert [(b.kind, b.group, b.size) for b in batches] == [
        ("nodes", "Method", 5),
        ("nodes", "Method", 2),
        ("nodes", "Paper", 5),
        ("nodes", "Paper", 5),
        ("nodes", "Paper", 2),
        ("relationships", "(Paper)-[USES]->(Method)", 5),
        ("relationships", "(Paper)-[USES]->(Method)", 5),
        ("relationships", "(Paper)-[USES]->(Method)", 2),
    ]
    papers = [b for b in batches if b.group == "Paper"]
    assert len({b.statement for b in papers}) == 1
    assert "MERGE (n:Paper {id: row[0]})" in papers[0].statement
    assert [row for b in papers for row in b.rows] == papers[0].table.rows


def test_a_batch_size_below_one_is_a_programming_error(two_paper_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        plan_batches(two_paper_graph, 0)
