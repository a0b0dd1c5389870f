"""Choosing and opening a backend from ``--uri``: none -> embedded FalkorDB, ``bolt://`` or
``neo4j://`` -> Neo4j, ``falkor://`` or ``redis://`` -> a FalkorDB server."""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

import redis
from falkordb import FalkorDB

from kg.errors import StoreError
from kg.store.backend import GraphStore
from kg.store.falkordb_store import FalkorStore
from kg.store.neo4j_store import Neo4jStore
from kg.store.server import Notify, ensure_server, notify_stderr
from kg.store.settings import StoreSettings

DEFAULT_GRAPH = "kg"
NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
FALKORDB_SCHEMES = frozenset({"falkor", "falkors", "redis", "rediss", "unix"})


class Backend(StrEnum):
    EMBEDDED = "embedded"
    FALKORDB = "falkordb"
    NEO4J = "neo4j"


def redact(uri: str) -> str:
    """``uri`` without a password, fit for messages."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def backend_for(uri: str | None) -> Backend:
    """Which backend a ``--uri`` value selects; an unknown scheme is a clear error."""
    if not uri:
        return Backend.EMBEDDED
    scheme = urlsplit(uri).scheme.lower()
    if scheme in NEO4J_SCHEMES:
        return Backend.NEO4J
    if scheme in FALKORDB_SCHEMES:
        return Backend.FALKORDB
    known = ", ".join(f"{s}://" for s in sorted(NEO4J_SCHEMES | FALKORDB_SCHEMES))
    raise StoreError(f"unsupported database URI {redact(uri)!r} (use one of {known}, or none)")


def _open_falkordb(uri: str, graph: str) -> FalkorStore:
    description = f"FalkorDB at {redact(uri)}, graph {graph!r}"
    try:
        db = FalkorDB.from_url(uri)
    except redis.RedisError as exc:
        raise StoreError(f"cannot connect to FalkorDB at {redact(uri)}: {exc}") from None
    return FalkorStore(db, graph, description)


def _open_embedded(settings: StoreSettings, graph: str, notify: Notify) -> FalkorStore:
    info = ensure_server(settings.home, notify)
    description = f"embedded FalkorDB in {settings.home}, graph {graph!r}"
    try:
        db = info.client()
    except redis.RedisError as exc:
        raise StoreError(f"cannot connect to the embedded FalkorDB: {exc}") from None

    def snapshot() -> None:
        # a background snapshot right after a load, so a crash later loses nothing loaded
        try:
            db.connection.bgsave()
        except redis.ResponseError as exc:
            if "in progress" not in str(exc):
                raise StoreError(f"could not snapshot the embedded database: {exc}") from None

    return FalkorStore(db, graph, description, persist=snapshot)


def _open_neo4j(uri: str, settings: StoreSettings) -> Neo4jStore:
    import neo4j
    from neo4j import exceptions as neo4j_errors

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


def open_store(
    uri: str | None,
    graph: str = DEFAULT_GRAPH,
    settings: StoreSettings | None = None,
    notify: Notify | None = None,
) -> GraphStore:
    """The store that ``uri`` (or ``NEO4J_URI`` when ``uri`` is None) names."""
    settings = settings or StoreSettings()
    uri = uri or settings.neo4j_uri
    backend = backend_for(uri)
    if backend is Backend.NEO4J:
        assert uri is not None
        return _open_neo4j(uri, settings)
    if backend is Backend.FALKORDB:
        assert uri is not None
        return _open_falkordb(uri, graph)
    return _open_embedded(settings, graph, notify or notify_stderr)
