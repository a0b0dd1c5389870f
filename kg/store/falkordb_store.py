"""The FalkorDB backend: the embedded server (no URI) or any FalkorDB reached by URL
(``falkor://``, ``falkors://``, ``redis://``, ``rediss://``, ``unix://``), native protocol.

Parameters travel the client's own way: ``graph.query(statement, params)`` writes them as the
``CYPHER name=<literal> ...`` header FalkorDB reads. A load's batches are encoded by the same
client function (``falkordb.helpers.stringify_param_value``) on a helper thread a few batches
ahead, so that work overlaps with the server running the batch before (``scripts/bench_load.py``:
about 15% quicker than encoding each batch just before it is sent).

A new graph can also be written with ``GRAPH.BULK`` (:mod:`kg.store.bulk`): the methods below
send its commands, whose payload :mod:`kg.store.bulk_format` encodes.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import falkordb  # type: ignore[import-untyped, unused-ignore]
import redis
from falkordb import FalkorDB, Graph  # type: ignore[import-untyped, unused-ignore]
from falkordb.helpers import (  # type: ignore[import-untyped, unused-ignore]
    stringify_param_value,
)
from falkordb.query_result import (  # type: ignore[import-untyped, unused-ignore]
    QueryResult as FalkorResult,
)

from kg.schema import NodeLabel
from kg.store import statements
from kg.store.backend import Notify, QueryResult, WriteCounts, notify_stderr
from kg.store.errors import (
    BulkUnsuitable,
    ConnectionLost,
    QueryError,
    SchemaViolation,
    StoreError,
)
from kg.store.registry import DEFAULT_GRAPH, redact, register
from kg.store.server import ensure_server, snapshot_failed_message
from kg.store.settings import StoreSettings
from kg.store.values import node_value, path_value, relationship_value, scalar

SCHEMES = ("falkor", "falkors", "redis", "rediss", "unix")
# How many statements of a load are encoded ahead of the one being written.
ENCODE_AHEAD = 2
# The server's limits on one argument and on a client's query buffer when it does not say
# (Redis's defaults); a bulk command stays within both.
DEFAULT_PROTO_MAX_BULK_LEN = 512 * 1024 * 1024
DEFAULT_QUERY_BUFFER_LIMIT = 1024 * 1024 * 1024

_PARAMETER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError)


def _counts(result: FalkorResult) -> WriteCounts:
    return WriteCounts(
        nodes_created=int(result.nodes_created),
        relationships_created=int(result.relationships_created),
        properties_set=int(result.properties_set),
    )


def from_falkordb(value: Any) -> Any:
    """A value of a FalkorDB reply in the shapes of :mod:`kg.store.values`."""
    if isinstance(value, falkordb.Node):
        return node_value(
            value.labels or [], {k: from_falkordb(v) for k, v in value.properties.items()}
        )
    if isinstance(value, falkordb.Edge):
        return relationship_value(
            value.relation or "", {k: from_falkordb(v) for k, v in value.properties.items()}
        )
    if isinstance(value, falkordb.Path):
        return path_value(
            [from_falkordb(n) for n in value.nodes()], [from_falkordb(e) for e in value.edges()]
        )
    if isinstance(value, Mapping):
        return {str(k): from_falkordb(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [from_falkordb(v) for v in value]
    return scalar(value)


def check_parameter(name: str, value: Any) -> None:
    """Raise :class:`SchemaViolation` unless FalkorDB can take ``value`` as a parameter: null,
    strings without NUL (the server reads the query as a C string), booleans, integers, finite
    floats, and lists and maps of them (map keys must not be empty or hold a backtick, which the
    parameter header cannot quote)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise SchemaViolation(f"parameter {name!r}: FalkorDB cannot take a NUL character")
        return
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SchemaViolation(f"parameter {name!r}: cannot store the number {value!r}")
        return
    if isinstance(value, list | tuple):
        for item in value:
            check_parameter(name, item)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            text = str(key)
            if not text or "`" in text:
                raise SchemaViolation(f"parameter {name!r}: cannot use {text!r} as a map key")
            check_parameter(name, item)
        return
    raise SchemaViolation(
        f"parameter {name!r}: cannot pass a {type(value).__name__} as a query parameter"
    )


def with_parameters(statement: str, params: dict[str, Any]) -> str:
    """The text ``graph.query(statement, params)`` sends: the ``CYPHER`` header of the
    parameters, each value encoded by the client, then ``statement``."""
    if not params:
        return statement
    header = []
    for name, value in params.items():
        if not _PARAMETER_NAME.fullmatch(name):
            raise SchemaViolation(f"parameter name {name!r} is not a plain identifier")
        header.append(f"{name}={stringify_param_value(value)}")
    return f"CYPHER {' '.join(header)} {statement}"


class FalkorStore:
    """One named graph in a FalkorDB server."""

    def __init__(
        self,
        db: FalkorDB,
        graph_name: str,
        description: str,
        persist: Callable[[], None] | None = None,
        data_dir: Path | None = None,
    ) -> None:
        self.db = db
        self.data_dir = data_dir  # the embedded server's: named when it refuses writes
        self.graph: Graph = db.select_graph(graph_name)
        self.description = description
        self._persist = persist

    @contextmanager
    def _errors(self, statement: str) -> Iterator[None]:
        try:
            yield
        except redis.ResponseError as exc:
            message = str(exc)
            if "MISCONF" in message:
                where = self.data_dir
                if where is not None:
                    raise StoreError(snapshot_failed_message(where)) from None
                raise StoreError(
                    f"{self.description} refuses writes: its last snapshot failed ({message}); "
                    "free disk space on the database server, then run the command again"
                ) from None
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
                try:
                    with self._errors(statement):
                        self.graph.query(statement)
                except QueryError as exc:
                    if "already indexed" in exc.server_message:
                        continue  # a concurrent load made it first
                    raise
                created.append(f"index on :{label}(id)")
        return created

    def write(self, statement: str, params: dict[str, Any]) -> WriteCounts:
        """Run a write; ``params`` hold values the schema allows (the loader's rows are checked
        when the graph's tables are planned)."""
        with self._errors(statement):
            return _counts(self.graph.query(statement, params or None))

    def write_many(
        self, writes: Iterable[tuple[str, dict[str, Any]]]
    ) -> Generator[WriteCounts, None, None]:
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-encode")
        pending: deque[tuple[str, Future[str]]] = deque()
        upcoming = iter(writes)

        def encode_next() -> None:
            write = next(upcoming, None)
            if write is not None:
                statement, params = write
                pending.append((statement, pool.submit(with_parameters, statement, params)))

        try:
            for _ in range(ENCODE_AHEAD):
                encode_next()
            while pending:
                statement, encoded = pending.popleft()
                text = encoded.result()
                encode_next()
                with self._errors(statement):
                    counts = _counts(self.graph.query(text))
                yield counts
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def graph_missing(self) -> bool:
        with self._errors("EXISTS"):
            return not self.db.connection.exists(self.graph.name)

    def bulk_limit(self) -> int:
        limits = {
            "proto-max-bulk-len": DEFAULT_PROTO_MAX_BULK_LEN,
            "client-query-buffer-limit": DEFAULT_QUERY_BUFFER_LIMIT,
        }
        for name in limits:
            try:
                told = self.db.connection.config_get(name)
                limits[name] = int(told[name])
            except (redis.ResponseError, KeyError, ValueError):
                pass  # CONFIG may be renamed or refused on a server run by others
            except _CONNECTION_ERRORS as exc:
                raise ConnectionLost(f"lost the connection to {self.description}: {exc}") from None
        # half the query buffer: the command's framing and the next command's start share it
        return min(limits["proto-max-bulk-len"], limits["client-query-buffer-limit"] // 2)

    def bulk_insert(
        self,
        begin: bool,
        nodes: int,
        relationships: int,
        node_tokens: list[bytes],
        relationship_tokens: list[bytes],
    ) -> None:
        start = ["BEGIN"] if begin else []
        counts = [nodes, relationships, len(node_tokens), len(relationship_tokens)]
        what = f"GRAPH.BULK {self.graph.name} ({nodes} nodes, {relationships} relationships)"
        try:
            with self._errors(what):
                self.db.connection.execute_command(
                    "GRAPH.BULK",
                    self.graph.name,
                    *start,
                    *counts,
                    *node_tokens,
                    *relationship_tokens,
                )
        except QueryError as exc:
            message = exc.server_message
            if begin and ("already exists" in message or "unknown command" in message.lower()):
                raise BulkUnsuitable(message) from None
            raise

    def drop_graph(self) -> None:
        with self._errors("GRAPH.DELETE"):
            self.graph.delete()

    def query(self, statement: str, params: dict[str, Any], *, write: bool = False) -> QueryResult:
        for name, value in params.items():
            check_parameter(name, value)
        run = self.graph.query if write else self.graph.ro_query
        with self._errors(statement):
            result = run(statement, params or None)
        columns = [str(name) for _kind, name in result.header]
        rows = [[from_falkordb(value) for value in row] for row in result.result_set]
        return QueryResult(columns=columns, rows=rows, counts=_counts(result))

    def persist(self) -> None:
        if self._persist is not None:
            self._persist()

    def close(self) -> None:
        self.db.close()


def open_falkordb(
    uri: str | None, graph: str, settings: StoreSettings, notify: Notify
) -> FalkorStore:
    """A FalkorDB server reached by URL."""
    assert uri is not None  # the registry passes the URI whose scheme chose this backend
    description = f"FalkorDB at {redact(uri)}, graph {graph!r}"
    try:
        db = FalkorDB.from_url(uri)
    except (redis.RedisError, ValueError) as exc:
        raise StoreError(f"cannot connect to FalkorDB at {redact(uri)}: {exc}") from None
    return FalkorStore(db, graph, description)


def open_embedded(
    graph: str = DEFAULT_GRAPH,
    settings: StoreSettings | None = None,
    notify: Notify | None = None,
) -> FalkorStore:
    """A graph of the embedded server in ``KG_HOME``, started first if it does not run (what
    :func:`~kg.store.registry.open_store` opens without a URI, unless ``NEO4J_URI`` is set)."""
    settings = settings or StoreSettings()
    info = ensure_server(settings.home, notify or notify_stderr)
    info.refuses_writes()  # a server whose snapshot failed takes writes again once space is free
    description = f"embedded FalkorDB in {settings.home}, graph {graph!r}"
    try:
        db = info.client()
    except redis.RedisError as exc:
        raise StoreError(f"cannot connect to the embedded FalkorDB: {exc}") from None

    # a snapshot right after a load, waited for, so a crash later loses nothing loaded and a
    # full disk is an error of the load, not a surprise of the next command
    return FalkorStore(db, graph, description, persist=info.snapshot, data_dir=info.data_dir)


def _open_embedded(
    uri: str | None, graph: str, settings: StoreSettings, notify: Notify
) -> FalkorStore:
    return open_embedded(graph, settings, notify)


register("embedded", _open_embedded, default=True)
register("falkordb", open_falkordb, schemes=SCHEMES)
