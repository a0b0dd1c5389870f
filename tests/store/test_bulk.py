"""The bulk path of a load (``GRAPH.BULK`` into a graph that does not exist yet) stores the graph
the MERGE statements store: the same nodes, labels, properties (exactly, value for value) and
relationships, and the same indexes; it gives way to merging wherever the two would differ."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph.spilled_tables import EdgeItem, NodeItem, SpilledTable, spill_tables
from kg.store import Batch, SchemaViolation, StoreError, WriteCounts
from kg.store.bulk import bulk_load
from kg.store.errors import BulkUnsuitable
from kg.store.falkordb_store import FalkorStore
from kg.store.loader import load_tables
from kg.store.server import ServerInfo

NODES = "MATCH (n) RETURN labels(n), properties(n)"
RELS = "MATCH (a)-[r]->(b) RETURN labels(a)[0], a.id, type(r), labels(b)[0], b.id, properties(r)"
INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties ORDER BY label"
SAME_NODE = "MATCH (n:{label} {{id: $id}}) RETURN properties(n) = $expected, count(n)"
SAME_REL = (
    "MATCH (:{source} {{id: $source}})-[r:{type}]->(:{target} {{id: $target}}) "
    "RETURN properties(r) = $expected, count(r)"
)

AWKWARD = [
    'say "hello"',
    "it's",
    "back\\slash",
    "two\nlines\r\nand a tab\t",
    "  leading and trailing  ",
    "",
    " ",
    "ünïcödé — 東京 🚀",
    "a, b; c",
    "{curly} [square] (round) $dollar `tick`",
]


def paper(ident: str, **values: Any) -> NodeItem:
    return f"paper:{ident}", {"label": "Paper", "id": ident, **values}


def method(ident: str, **values: Any) -> NodeItem:
    return f"method:{ident}", {"label": "Method", "id": ident, **values}


def edge(source: str, target: str, rel: str, key: str | None = None, **values: Any) -> EdgeItem:
    return source, target, key or rel, {"label": rel, **values}


def awkward_graph() -> tuple[list[NodeItem], list[EdgeItem]]:
    nodes = [
        paper(
            f"p{i}",
            title=text,
            abstract=AWKWARD[-1 - i],
            authors=[text, "Last, First", ""],
            year=1990 + i,
        )
        for i, text in enumerate(AWKWARD)
    ]
    nodes += [paper("bare")]  # no property but its id
    nodes += [
        method("m-quote", name='"Quoted" net', aliases=["a,b", " spaced ", ""], generic=False),
        method("m-empty", name="", aliases=[], generic=True),
        method("m space", name="  ", aliases=["42", "true", "1.5"]),  # no type guessing
    ]
    edges = [
        edge("paper:p0", "method:m-quote", "PROPOSES", evidence=AWKWARD[3], confidence=0.1),
        edge("paper:p1", "method:m-quote", "USES", evidence="", confidence=1.0, rule=" r "),
        edge("paper:p2", "method:m-empty", "USES", evidence=AWKWARD[7], confidence=1 / 3),
        edge("paper:bare", "method:m space", "USES"),
        edge("paper:p3", "method:m space", "USES", confidence=-0.0, rule="a, b"),
    ]
    return nodes, edges


def tables_of(nodes: list[NodeItem], edges: list[EdgeItem], folder: Path) -> list[SpilledTable]:
    folder.mkdir(parents=True, exist_ok=True)
    return spill_tables(nodes, edges, folder)


@pytest.fixture
def other(server: ServerInfo) -> Iterator[FalkorStore]:
    """A second graph of this test's own, deleted afterwards."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    store = FalkorStore(server.client(), name, f"test graph {name}")
    yield store
    if not store.graph_missing():
        store.drop_graph()
    store.close()


def stored(store: FalkorStore) -> tuple[list[Any], list[Any], list[Any]]:
    """Nodes, relationships and indexes as Cypher reads them back, in a fixed order."""
    nodes = sorted(store.query(NODES, {}).rows, key=repr)
    rels = sorted(store.query(RELS, {}).rows, key=repr)
    return nodes, rels, store.query(INDEXES, {}).rows


def assert_exact(store: FalkorStore, tables: list[SpilledTable]) -> None:
    """Every row is stored exactly (floats to the last bit, which reading back rounds): its
    node or relationship has the row's properties and no other, compared in the database."""
    for table in tables:
        for row in table.each_row():
            values = dict(zip(table.properties, row[table.first :], strict=True))
            if table.kind == "nodes":
                statement = SAME_NODE.format(label=table.names[0])
                params = {"id": row[0], "expected": {"id": row[0], **values}}
            else:
                source, rel, target = table.names
                statement = SAME_REL.format(source=source, type=rel, target=target)
                params = {"source": row[0], "target": row[1], "expected": values}
            assert store.query(statement, params).rows == [[True, 1]], (table.group, row)


def test_the_bulk_path_stores_what_merging_stores(
    store: FalkorStore, other: FalkorStore, tmp_path: Path
) -> None:
    tables = tables_of(*awkward_graph(), tmp_path)
    merged = load_tables(store, tables, batch_size=2, bulk=False)
    seen: list[tuple[Batch, WriteCounts]] = []
    bulk = load_tables(other, tables, on_batch=lambda b, c: seen.append((b, c)))
    assert bulk.bulk and not merged.bulk and bulk.merged_because == ""
    assert stored(other) == stored(store)
    assert_exact(store, tables)
    assert_exact(other, tables)
    assert bulk.schema_created == merged.schema_created
    assert (bulk.nodes_created, bulk.relationships_created, bulk.properties_set) == (
        merged.nodes_created,
        merged.relationships_created,
        merged.properties_set,
    )
    assert sum(batch.size for batch, _ in seen) == sum(table.count for table in tables)
    assert "bulk commands" in bulk.text()


def test_commands_are_cut_at_the_byte_limit(
    store: FalkorStore, other: FalkorStore, tmp_path: Path
) -> None:
    tables = tables_of(*awkward_graph(), tmp_path)
    load_tables(store, tables, bulk=False)
    summary = bulk_load(other, tables, command_bytes=200)
    assert summary.batches > 5
    assert stored(other) == stored(store)
    assert_exact(other, tables)


def test_a_row_bigger_than_a_command_is_an_error_and_leaves_no_graph(
    other: FalkorStore, tmp_path: Path
) -> None:
    nodes = [paper(f"p{i}", title="short") for i in range(20)] + [paper("big", title="x" * 500)]
    tables = tables_of(nodes, [], tmp_path)
    with pytest.raises(StoreError, match="more than one bulk command may carry"):
        bulk_load(other, tables, command_bytes=300)
    assert other.graph_missing()


def test_a_value_the_format_cannot_carry_leaves_no_graph(
    other: FalkorStore, tmp_path: Path
) -> None:
    nodes = [paper(f"p{i}", title="fine") for i in range(20)] + [paper("nul", title="a\x00b")]
    with pytest.raises(SchemaViolation, match="NUL"):
        bulk_load(other, tables_of(nodes, [], tmp_path), command_bytes=300)
    assert other.graph_missing()


def test_an_existing_graph_is_merged_into(
    store: FalkorStore, other: FalkorStore, tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    nodes, edges = awkward_graph()
    load_tables(store, tables_of(nodes[:4], [], first))
    load_tables(store, tables_of(nodes, edges, second))
    assert load_tables(other, tables_of(nodes, edges, second), bulk=False).bulk is False
    again = load_tables(store, tables_of(nodes, edges, second))
    assert not again.bulk and again.merged_because == "the graph exists already"
    assert again.nodes_created == 0 and "merged: the graph exists already" in again.text()
    assert stored(store) == stored(other)


@pytest.mark.parametrize(
    ("nodes", "edges", "reason"),
    [
        (
            [paper("p1", title="one"), ("other-key", {"label": "Paper", "id": "p1", "year": 1})],
            [],
            "Paper id 'p1' is in the graph more than once",
        ),
        (
            [paper("p1"), method("m1")],
            [
                edge("paper:p1", "method:m1", "USES", "a", confidence=0.5),
                edge("paper:p1", "method:m1", "USES", "b", rule="second"),
            ],
            "a relationship is in the graph more than once",
        ),
    ],
    ids=["repeated id", "repeated relationship"],
)
def test_what_merging_would_fold_together_is_merged(
    store: FalkorStore,
    other: FalkorStore,
    tmp_path: Path,
    nodes: list[NodeItem],
    edges: list[EdgeItem],
    reason: str,
) -> None:
    tables = tables_of(nodes, edges, tmp_path)
    with pytest.raises(BulkUnsuitable, match=reason):
        bulk_load(other, tables)
    assert other.graph_missing()  # what it wrote is gone
    summary = load_tables(other, tables)
    assert not summary.bulk and summary.merged_because == reason
    load_tables(store, tables, bulk=False)
    assert stored(other) == stored(store)


def test_a_relationship_to_a_node_of_no_table_is_merged(other: FalkorStore, tmp_path: Path) -> None:
    tables = tables_of(
        [paper("p1"), method("m1")], [edge("paper:p1", "method:m1", "USES")], tmp_path
    )
    without_methods = [t for t in tables if t.names != ("Method",)]
    with pytest.raises(BulkUnsuitable, match="names a node that is not in the graph"):
        bulk_load(other, without_methods)
    assert other.graph_missing()


# text that both paths can carry: no NUL (the server reads C strings) and no lone surrogate
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
# finite floats; not subnormal ones, which the server cannot parse in a query (so no MERGE
# statement stores them: "Float overflow")
FLOAT = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False)
INTEGER = st.integers(-(2**63), 2**63 - 1)
SCALAR = st.one_of(TEXT, FLOAT, INTEGER, st.booleans())
VALUE = st.one_of(
    SCALAR,
    st.lists(TEXT, max_size=4),
    st.lists(FLOAT, max_size=3),
    st.lists(INTEGER, max_size=3),
    st.lists(st.booleans(), max_size=3),
)
PROPERTIES = st.dictionaries(st.sampled_from(["title", "year", "x_1", "abstract"]), VALUE)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    papers=st.lists(PROPERTIES, min_size=1, max_size=4),
    links=st.lists(st.dictionaries(st.sampled_from(["confidence", "rule"]), VALUE), max_size=4),
)
def test_any_values_are_stored_as_merging_stores_them(
    server: ServerInfo,
    tmp_path_factory: pytest.TempPathFactory,
    papers: list[dict[str, Any]],
    links: list[dict[str, Any]],
) -> None:
    nodes = [paper(f"p{i}", **values) for i, values in enumerate(papers)]
    nodes.append(method("m", name="M"))
    edges = [
        edge(
            f"paper:p{i % len(papers)}", "method:m", "USES" if i < len(papers) else "PROPOSES", **v
        )
        for i, v in enumerate(links[: 2 * len(papers)])
    ]
    tables = tables_of(nodes, edges, tmp_path_factory.mktemp("tables"))
    name = uuid.uuid4().hex[:12]
    merged = FalkorStore(server.client(), f"merge-{name}", "merge")
    bulk = FalkorStore(server.client(), f"bulk-{name}", "bulk")
    try:
        load_tables(merged, tables, bulk=False)
        assert load_tables(bulk, tables).bulk
        assert stored(bulk) == stored(merged)
        assert_exact(bulk, tables)
    finally:
        for store in (merged, bulk):
            if not store.graph_missing():
                store.drop_graph()
            store.close()
