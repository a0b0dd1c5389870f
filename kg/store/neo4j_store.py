"""The Neo4j backend (``bolt://``, ``neo4j://`` and their ``+s``/``+ssc`` variants): the official
driver, managed transactions, the same statements as every backend.

The driver is imported only when a Neo4j URI is opened (or a :class:`Neo4jStore` is used), so
commands against FalkorDB never load it.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from kg.schema import NodeLabel
from kg.store import statements
from kg.store.backend import Notify, QueryResult, WriteCounts
from kg.store.errors import ConnectionLost, QueryError, StoreError
from kg.store.registry import redact, register
from kg.store.settings import StoreSettings
from kg.store.values import node_value, path_value, relationship_value, scalar

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

T = TypeVar("T")


def _counts(summary: Any) -> WriteCounts:
    counters = summary.counters
    return WriteCounts(
        nodes_created=int(counters.nodes_created),
        relationships_created=int(counters.relationships_created),
        properties_set=int(counters.properties_set),
    )


def from_neo4j(value: Any) -> Any:
    """A value of a Neo4j record in the shapes of :mod:`kg.store.values`."""
    from neo4j import graph

    if isinstance(value, graph.Node):
        return node_value(list(value.labels), {k: from_neo4j(v) for k, v in value.items()})
    if isinstance(value, graph.Relationship):
        return relationship_value(value.type, {k: from_neo4j(v) for k, v in value.items()})
    if isinstance(value, graph.Path):
        return path_value(
            [from_neo4j(n) for n in value.nodes], [from_neo4j(r) for r in value.relationships]
        )
    if isinstance(value, Mapping):
        return {str(k): from_neo4j(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [from_neo4j(v) for v in value]
    return scalar(value)


class Neo4jStore:
    """One Neo4j database; ``database=None`` means the server's default database."""

    def __init__(self, driver: Any, database: str | None, description: str) -> None:
        self.driver = driver
        self.database = database
        self.description = description

    @contextmanager
    def _errors(self, statement: str) -> Iterator[None]:
        from neo4j import exceptions as neo4j_errors

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
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        with self.driver.session(database=self.database, default_access_mode=mode) as session:
            done: T = session.execute_write(work) if write else session.execute_read(work)
        return done

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
        """Run a write; the driver encodes the parameters itself."""

        def work(tx: Any) -> WriteCounts:
            return _counts(tx.run(statement, params).consume())

        with self._errors(statement):
            return self._run(work, write=True)

    def write_many(
        self, writes: Iterable[tuple[str, dict[str, Any]]]
    ) -> Generator[WriteCounts, None, None]:
        for statement, params in writes:
            yield self.write(statement, params)

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


def open_neo4j(uri: str | None, graph: str, settings: StoreSettings, notify: Notify) -> Neo4jStore:
    """A Neo4j server; credentials and database come from ``settings`` (``graph`` names a
    FalkorDB graph and is not used: Neo4j takes ``NEO4J_DATABASE``)."""
    import neo4j
    from neo4j import exceptions as neo4j_errors

    assert uri is not None  # the registry passes the URI whose scheme chose this backend
    password = settings.neo4j_password
    auth = (settings.neo4j_user, password.get_secret_value()) if password is not None else None
    database = settings.neo4j_database or None
    where = redact(uri) + (f", database {database!r}" if database else "")
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        driver.verify_connectivity()
    except neo4j_errors.AuthError:
        raise StoreError(
            f"Neo4j at {redact(uri)} refused the credentials of user {settings.neo4j_user!r} "
            "(set NEO4J_USER and NEO4J_PASSWORD in the environment or .env)"
        ) from None
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError, OSError) as exc:
        raise StoreError(f"cannot connect to Neo4j at {redact(uri)}: {exc}") from None
    return Neo4jStore(driver, database, f"Neo4j at {where}")


register("neo4j", open_neo4j, schemes=SCHEMES)
