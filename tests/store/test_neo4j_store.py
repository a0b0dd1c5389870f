"""The Neo4j backend without a server: a recording stand-in for the driver checks which
statements run, in which access mode and database, and how errors are reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import neo4j
import networkx as nx
import pytest
from neo4j import exceptions as neo4j_errors

from kg.schema import NodeLabel
from kg.store import ConnectionLost, LoadInterrupted, QueryError, load_graph
from kg.store.neo4j_store import Neo4jStore


@dataclass
class Call:
    database: str | None
    mode: str
    managed: str
    statement: str
    params: dict[str, Any]


def counters(**values: int) -> SimpleNamespace:
    names = ("nodes_created", "relationships_created", "properties_set", "constraints_added")
    return SimpleNamespace(**{name: values.get(name, 0) for name in names})


class Result:
    def __init__(self, keys: list[str], records: list[list[Any]], stats: SimpleNamespace) -> None:
        self._keys, self._records, self._stats = keys, records, stats

    def keys(self) -> list[str]:
        return self._keys

    def __iter__(self) -> Any:
        return iter(SimpleNamespace(values=lambda r=r: r) for r in self._records)

    def consume(self) -> SimpleNamespace:
        return SimpleNamespace(counters=self._stats)


@dataclass
class Driver:
    """Records every statement; ``answer`` decides each result or raises."""

    answer: Any = None
    calls: list[Call] = field(default_factory=list)
    closed: bool = False

    def session(self, database: str | None, default_access_mode: str) -> Session:
        return Session(self, database, default_access_mode)

    def close(self) -> None:
        self.closed = True


@dataclass
class Session:
    driver: Driver
    database: str | None
    mode: str

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _tx(self, managed: str) -> SimpleNamespace:
        def run(statement: str, params: dict[str, Any] | None = None) -> Result:
            call = Call(self.database, self.mode, managed, statement, params or {})
            self.driver.calls.append(call)
            if self.driver.answer is None:
                return Result([], [], counters())
            return self.driver.answer(call)

        return SimpleNamespace(run=run)

    def execute_write(self, work: Any) -> Any:
        return work(self._tx("write"))

    def execute_read(self, work: Any) -> Any:
        return work(self._tx("read"))


def test_schema_creates_one_named_uniqueness_constraint_per_label_in_write_mode() -> None:
    driver = Driver(answer=lambda call: Result([], [], counters(constraints_added=1)))
    created = Neo4jStore(driver, "papers", "test").ensure_schema()
    assert created == [f"uniqueness constraint on :{label}(id)" for label in NodeLabel]
    statements = [c.statement.splitlines()[-1] for c in driver.calls]
    assert statements == [
        f"CREATE CONSTRAINT {str(label).lower()}_id_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NodeLabel
    ]
    assert statements[0] == (
        "CREATE CONSTRAINT paper_id_unique IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE"
    )
    assert {(c.database, c.mode, c.managed) for c in driver.calls} == {
        ("papers", neo4j.WRITE_ACCESS, "write")
    }


def test_existing_constraints_are_not_reported_as_created() -> None:
    assert Neo4jStore(Driver(), None, "test").ensure_schema() == []


def test_queries_run_in_read_mode_unless_write_is_asked() -> None:
    driver = Driver(answer=lambda call: Result(["n"], [[1], [2]], counters()))
    store = Neo4jStore(driver, None, "test")
    result = store.query("MATCH (n) RETURN 1 AS n", {"x": "y"})
    assert (result.columns, result.rows) == (["n"], [[1], [2]])
    store.query("CREATE (n:Paper {id: $id})", {"id": "p"}, write=True)
    assert [(c.mode, c.managed, c.params) for c in driver.calls] == [
        (neo4j.READ_ACCESS, "read", {"x": "y"}),
        (neo4j.WRITE_ACCESS, "write", {"id": "p"}),
    ]


def test_load_sends_the_shared_merge_statements_with_rows_as_parameters(
    two_paper_graph: nx.MultiDiGraph,
) -> None:
    def answer(call: Call) -> Result:
        rows = call.params.get("rows", [])
        if "MERGE (n:" in call.statement:
            return Result([], [], counters(nodes_created=len(rows)))
        return Result([], [], counters(relationships_created=len(rows)))

    driver = Driver(answer=answer)
    summary = load_graph(Neo4jStore(driver, None, "test"), two_paper_graph, batch_size=100)
    assert (summary.nodes_created, summary.relationships_created) == (5, 4)
    merges = [c for c in driver.calls if "UNWIND $rows" in c.statement]
    assert all(c.managed == "write" for c in merges)
    papers = next(c for c in merges if "MERGE (n:Paper" in c.statement)
    assert "SET n.abstract = row[1], n.authors = row[2], n.title = row[3]" in papers.statement
    assert papers.params["rows"] == [("p1", "We propose ResNet.", ["A. One", "B. Two"], "First")]


def server_error(kind: type[neo4j_errors.Neo4jError], code: str, message: str) -> Exception:
    """An error as the driver builds it from a server failure (the factory moved in 6.0)."""
    factory = getattr(kind, "_hydrate_neo4j", None) or kind.hydrate
    return factory(code=code, message=message)


def test_a_syntax_error_carries_the_server_message_and_the_query() -> None:
    def answer(call: Call) -> Result:
        raise server_error(
            neo4j_errors.CypherSyntaxError,
            "Neo.ClientError.Statement.SyntaxError",
            "Invalid input 'MATC'",
        )

    with pytest.raises(QueryError) as caught:
        Neo4jStore(Driver(answer=answer), None, "test").query("MATC (n) RETURN n", {})
    assert str(caught.value) == "[E004] Invalid input 'MATC'\nquery:\nMATC (n) RETURN n"


def test_a_write_in_read_mode_suggests_the_write_option() -> None:
    def answer(call: Call) -> Result:
        raise server_error(
            neo4j_errors.ClientError,
            "Neo.ClientError.Statement.AccessMode",
            "Writing in read access mode not allowed.",
        )

    with pytest.raises(QueryError, match=r"pass --write"):
        Neo4jStore(Driver(answer=answer), None, "test").query("CREATE ()", {})


def test_a_lost_server_interrupts_the_load_with_the_batches_written(
    two_paper_graph: nx.MultiDiGraph,
) -> None:
    def answer(call: Call) -> Result:
        if "MERGE (s)-[r:" in call.statement:
            raise neo4j_errors.ServiceUnavailable("connection refused")
        return Result([], [], counters())

    store = Neo4jStore(Driver(answer=answer), None, "Neo4j at bolt://x")
    # five node batches (the two papers store different properties), then the first relationships
    with pytest.raises(LoadInterrupted, match=r"after 5 of 9 batches were written"):
        load_graph(store, two_paper_graph)
    with pytest.raises(ConnectionLost, match="lost the connection to Neo4j at bolt://x"):
        store.write("MERGE (s)-[r:USES]->(t)", {})
