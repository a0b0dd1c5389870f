"""The FalkorDB backend: the embedded server or any FalkorDB reached by URL, native protocol."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import redis
from falkordb import FalkorDB, Graph
from falkordb.query_result import QueryResult as FalkorResult

from kg.models import NodeLabel
from kg.store import statements
from kg.store.backend import Prepared, QueryResult, WriteCounts
from kg.store.errors import ConnectionLost, QueryError
from kg.store.falkordb_params import rows_literal, with_parameters
from kg.store.values import from_falkordb

_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError)


def _counts(result: FalkorResult) -> WriteCounts:
    return WriteCounts(
        nodes_created=int(result.nodes_created),
        relationships_created=int(result.relationships_created),
        properties_set=int(result.properties_set),
    )


class FalkorStore:
    """One named graph in a FalkorDB server."""

    def __init__(
        self,
        db: FalkorDB,
        graph_name: str,
        description: str,
        persist: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.graph: Graph = db.select_graph(graph_name)
        self.description = description
        self._persist = persist

    @contextmanager
    def _errors(self, statement: str) -> Iterator[None]:
        try:
            yield
        except redis.ResponseError as exc:
            message = str(exc)
            if "empty key" in message:
                message = f"graph {self.graph.name!r} does not exist yet (load a graph first)"
            elif "read-only" in message:
                message += " (pass --write to allow writes)"
            raise QueryError(message, statement) from None
        except _CONNECTION_ERRORS as exc:
            raise ConnectionLost(f"lost the connection to {self.description}: {exc}") from None

    def existing_indexes(self) -> set[str]:
        """Labels whose ``id`` property already has an index."""
        statement = statements.template("falkordb_list_indexes")
        with self._errors(statement):
            result = self.graph.query(statement)
        return {str(label) for label, props in result.result_set if "id" in props}

    def ensure_schema(self) -> list[str]:
        created = []
        existing = self.existing_indexes()
        for label in NodeLabel:
            if label not in existing:
                statement = statements.falkordb_index(label)
                with self._errors(statement):
                    self.graph.query(statement)
                created.append(f"index on :{label}(id)")
        return created

    def prepare(self, statement: str, rows: list[tuple[Any, ...]]) -> Prepared:
        return Prepared(statement, f"CYPHER rows={rows_literal(rows)} {statement}")

    def write_prepared(self, prepared: Prepared) -> WriteCounts:
        with self._errors(prepared.statement):
            return _counts(self.graph.query(prepared.payload))

    def write(self, statement: str, params: dict[str, Any]) -> WriteCounts:
        return self.write_prepared(Prepared(statement, with_parameters(statement, params)))

    def query(self, statement: str, params: dict[str, Any], *, write: bool = False) -> QueryResult:
        run = self.graph.query if write else self.graph.ro_query
        text = with_parameters(statement, params)
        with self._errors(statement):
            result = run(text)
        columns = [str(name) for _kind, name in result.header]
        rows = [[from_falkordb(value) for value in row] for row in result.result_set]
        return QueryResult(columns=columns, rows=rows, counts=_counts(result))

    def persist(self) -> None:
        if self._persist is not None:
            self._persist()

    def close(self) -> None:
        self.db.close()
