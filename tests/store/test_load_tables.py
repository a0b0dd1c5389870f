"""``kg load`` at scale: the GraphML read as a stream into checked tables on disk, loaded batch
by batch, stores what loading the NetworkX graph stores."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.graph import write_graphml
from kg.graph.graphml import iter_graphml_edges, iter_graphml_nodes, read_graphml
from kg.graph.spilled_tables import spill_tables
from kg.graph.tables import graph_tables
from kg.pipeline import build, load_built_graph
from kg.store import SchemaViolation, load_graph, open_store
from kg.store.falkordb_store import FalkorStore

SAMPLE = Path(__file__).resolve().parents[2] / "kg" / "data" / "sample"
NODES = "MATCH (n) RETURN labels(n)[0], properties(n) ORDER BY labels(n)[0], n.id"
RELS = "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) ORDER BY a.id, type(r), b.id"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    build([str(SAMPLE / "listing.txt"), str(SAMPLE / "papers.jsonl")], out)
    return out


def test_the_streamed_tables_hold_the_rows_of_the_graph_tables(built: Path, tmp_path: Path) -> None:
    path = built / "graph.graphml"
    graph = read_graphml(path)
    assert list(iter_graphml_nodes(path)) == list(graph.nodes(data=True))
    assert list(iter_graphml_edges(path)) == list(graph.edges(keys=True, data=True))
    spilled = spill_tables(iter_graphml_nodes(path), iter_graphml_edges(path), tmp_path)
    expected = graph_tables(graph)
    assert [(t.kind, t.names, t.properties) for t in spilled] == [
        (t.kind, t.names, t.properties) for t in expected
    ]
    for table, want in zip(spilled, expected, strict=True):
        rows = [row for batch in table.batches(3) for row in batch]
        assert table.count == len(rows) and sorted(rows, key=repr) == sorted(want.rows, key=repr)
        assert all(len(batch) <= 3 for batch in table.batches(3))


def test_loading_the_file_stores_what_loading_the_graph_stores(
    built: Path, store: FalkorStore, graph_name: str, kg_home: Path
) -> None:
    load_graph(store, read_graphml(built / "graph.graphml"), batch_size=4)
    result = load_built_graph(built, graph=graph_name + "-streamed", batch_size=4)
    streamed = open_store(None, graph_name + "-streamed")
    try:
        assert (
            result.summary.nodes_created == store.query("MATCH (n) RETURN count(n)", {}).rows[0][0]
        )
        assert streamed.query(NODES, {}).rows == store.query(NODES, {}).rows
        assert streamed.query(RELS, {}).rows == store.query(RELS, {}).rows
    finally:
        streamed.query("MATCH (n) DETACH DELETE n", {}, write=True)
        streamed.close()


def test_a_graph_outside_the_schema_is_rejected_before_anything_is_written(
    tmp_path: Path, kg_home: Path, graph_name: str, store: FalkorStore
) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p", label="Paper", labels=":Paper", id="p", title="T")
    graph.add_node("person:x", label="Person", labels=":Person", id="x")
    write_graphml(graph, tmp_path / "graph.graphml")
    with pytest.raises(SchemaViolation, match="unknown node label 'Person'"):
        load_built_graph(tmp_path, graph=graph_name)
    assert graph_name not in store.db.list_graphs()
