"""The Neo4j backend: the official driver, managed transactions, the same statements."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from kg.models import NodeLabel
from kg.store import statements
from kg.store.backend import Prepared, QueryResult, WriteCounts
from kg.store.errors import ConnectionLost, QueryError
from kg.store.values import from_neo4j

T = TypeVar("T")


def _counts(summary: Any) -> WriteCounts:
    counters = summary.counters
    return WriteCounts(
        nodes_created=int(counters.nodes_created),
        relationships_created=int(counters.relationships_created),
        properties_set=int(counters.properties_set),
    )


class Neo4jStore:
    """One Neo4j database; ``database=None`` means the server's default database."""

    def __init__(self, driver: Any, database: str | None, description: str) -> None:
        self.driver = driver
        self.database = database
        self.description = description

    @contextmanager
    def _errors(self, statement: str) -> Iterator[None]:
        try:
            yield
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise ConnectionLost(f"lost the connection to {self.description}: {exc}") from None
        except neo4j_errors.Neo4jError as exc:
            message = exc.message or str(exc)
            if "read access mode" in message:
                message += " (pass --write to allow writes)"
            raise QueryError(message, statement) from None

    def _run(self, work: Callable[[Any], T], *, write: bool) -> T:
        """``work`` in a managed transaction (retried by the driver on transient errors)."""
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        with self.driver.session(database=self.database, default_access_mode=mode) as session:
            return session.execute_write(work) if write else session.execute_read(work)

    def ensure_schema(self) -> list[str]:
        created = []
        for label in NodeLabel:
            statement = statements.neo4j_constraint(label)

            def work(tx: Any, statement: str = statement) -> Any:
                return tx.run(statement).consume().counters.constraints_added

            with self._errors(statement):
                if self._run(work, write=True):
                    created.append(f"uniqueness constraint on :{label}(id)")
        return created

    def write(self, statement: str, params: dict[str, Any]) -> WriteCounts:
        def work(tx: Any) -> WriteCounts:
            return _counts(tx.run(statement, params).consume())

        with self._errors(statement):
            return self._run(work, write=True)

    def prepare(self, statement: str, rows: list[tuple[Any, ...]]) -> Prepared:
        """The driver encodes parameters itself."""
        return Prepared(statement, {"rows": rows})

    def write_prepared(self, prepared: Prepared) -> WriteCounts:
        return self.write(prepared.statement, prepared.payload)

    def query(self, statement: str, params: dict[str, Any], *, write: bool = False) -> QueryResult:
        def work(tx: Any) -> QueryResult:
            result = tx.run(statement, params)
            columns = list(result.keys())
            rows = [[from_neo4j(value) for value in record.values()] for record in result]
            return QueryResult(columns=columns, rows=rows, counts=_counts(result.consume()))

        with self._errors(statement):
            return self._run(work, write=write)

    def persist(self) -> None:
        """Neo4j commits durably; nothing to do."""

    def close(self) -> None:
        self.driver.close()
