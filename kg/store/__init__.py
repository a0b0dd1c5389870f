"""Store stage: graph databases behind one interface.

Open a store from a URI, load a graph, read it back, query it::

    from kg.store import open_store, load_graph, read_graph

    store = open_store()                      # embedded FalkorDB, graph "kg"
    store = open_store("bolt://localhost:7687")  # Neo4j (credentials from NEO4J_* or .env)
    try:
        summary = load_graph(store, graph)    # idempotent MERGEs in batches
        rows = store.query("MATCH (n) RETURN count(n)", {}).rows
        copy = read_graph(store)
    finally:
        store.close()

The URI scheme picks the backend (:mod:`kg.store.registry`, where backends register
themselves); the embedded FalkorDB server is managed by :func:`start_server`,
:func:`stop_server` and :func:`server_status` (:mod:`kg.store.server`).

Loading and reading back (:mod:`kg.store.loader`, :mod:`kg.store.readback`) work on NetworkX
graphs; their names are loaded on first use, so that ``kg query`` does not import NetworkX.
Row tables on disk (what ``kg load`` reads) load with :func:`kg.store.loader.load_tables`,
which writes a FalkorDB graph that does not exist yet in bulk (:mod:`kg.store.bulk`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg._lazy import lazy_names

# The built-in backends register their URI schemes when imported.
from kg.store import falkordb_store, neo4j_store  # noqa: F401
from kg.store.backend import GraphStore, Notify, QueryResult, WriteCounts, notify_stderr
from kg.store.errors import (
    ConnectionLost,
    LoadInterrupted,
    QueryError,
    SchemaViolation,
    ServerError,
    StoreError,
)
from kg.store.falkordb_store import open_embedded
from kg.store.registry import (
    DEFAULT_GRAPH,
    Backend,
    backend_for,
    open_store,
    redact,
    register,
    schemes,
)
from kg.store.server import ServerInfo, ServerStatus, server_status, start_server, stop_server
from kg.store.settings import StoreSettings

if TYPE_CHECKING:
    from kg.store.loader import DEFAULT_BATCH_SIZE, Batch, LoadSummary, OnBatch, load_graph
    from kg.store.readback import GraphCounts, graph_counts, read_graph

# names that need NetworkX, and the module that defines each
_HOMES = {
    "DEFAULT_BATCH_SIZE": "loader",
    "Batch": "loader",
    "LoadSummary": "loader",
    "OnBatch": "loader",
    "load_graph": "loader",
    "GraphCounts": "readback",
    "graph_counts": "readback",
    "read_graph": "readback",
}

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_GRAPH",
    "Backend",
    "Batch",
    "ConnectionLost",
    "GraphCounts",
    "GraphStore",
    "LoadInterrupted",
    "LoadSummary",
    "Notify",
    "OnBatch",
    "QueryError",
    "QueryResult",
    "SchemaViolation",
    "ServerError",
    "ServerInfo",
    "ServerStatus",
    "StoreError",
    "StoreSettings",
    "WriteCounts",
    "backend_for",
    "graph_counts",
    "load_graph",
    "notify_stderr",
    "open_embedded",
    "open_store",
    "read_graph",
    "redact",
    "register",
    "schemes",
    "server_status",
    "start_server",
    "stop_server",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
