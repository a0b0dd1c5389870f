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


def _interleaved(path: Path, dangling: bool = False) -> None:
    """A GraphML file whose nodes and edges interleave (one pass cannot read it)."""
    target = "method:none" if dangling else "method:m"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="labels" for="node" attr.name="labels" attr.type="string"/>'
        '<key id="id" for="node" attr.name="id" attr.type="string"/>'
        '<key id="name" for="node" attr.name="name" attr.type="string"/>'
        '<key id="label" for="edge" attr.name="label" attr.type="string"/>'
        '<key id="confidence" for="edge" attr.name="confidence" attr.type="double"/>'
        '<graph edgedefault="directed">'
        '<node id="paper:a"><data key="labels">:Paper</data><data key="id">a</data></node>'
        f'<edge source="paper:a" target="{target}" id="USES"><data key="label">USES</data>'
        '<data key="confidence">0.5</data></edge>'
        '<node id="method:m"><data key="labels">:Method</data><data key="id">m</data>'
        '<data key="name">M, "the" method\n2</data></node>'
        "</graph></graphml>",
        encoding="utf-8",
    )


def test_a_file_whose_edge_comes_before_its_end_node_is_read_in_two_passes(
    tmp_path: Path, kg_home: Path, graph_name: str, store: FalkorStore
) -> None:
    _interleaved(tmp_path / "graph.graphml")
    result = load_built_graph(tmp_path, graph=graph_name)
    assert (result.summary.nodes_created, result.summary.relationships_created) == (2, 1)
    assert store.query(NODES, {}).rows == [
        ["Method", {"id": "m", "name": 'M, "the" method\n2'}],
        ["Paper", {"id": "a"}],
    ]
    assert store.query(RELS, {}).rows == [["a", "USES", "m", {"confidence": 0.5}]]


def test_an_edge_to_a_node_the_file_lacks_is_named_before_anything_is_written(
    tmp_path: Path, kg_home: Path, graph_name: str, store: FalkorStore
) -> None:
    _interleaved(tmp_path / "graph.graphml", dangling=True)
    with pytest.raises(SchemaViolation, match="refers to node 'method:none'"):
        load_built_graph(tmp_path, graph=graph_name)
    assert graph_name not in store.db.list_graphs()
