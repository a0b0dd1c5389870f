"""Errors raised by the graph stores; all are ``StoreError`` so the CLI prints them plainly.

:class:`SchemaViolation` belongs to the graph stage (a graph that does not fit the schema) and is
re-exported here, as the loader raises it too.
"""

from __future__ import annotations

from kg.errors import StoreError
from kg.graph.columns import SchemaViolation

__all__ = [
    "BulkUnsuitable",
    "ConnectionLost",
    "LoadInterrupted",
    "QueryError",
    "SchemaViolation",
    "ServerError",
    "StoreError",
]


class ServerError(StoreError):
    """The embedded FalkorDB server could not be started, reached or stopped."""


class ConnectionLost(StoreError):
    """The database went away while a statement was running."""


class QueryError(StoreError):
    """The database rejected a query (syntax error, write in read-only mode, ...)."""

    def __init__(self, server_message: str, query: str) -> None:
        super().__init__(f"{server_message.strip()}\nquery:\n{query.strip()}")
        self.server_message = server_message
        self.query = query


class BulkUnsuitable(StoreError):
    """A graph the bulk path cannot write as merging would (it exists already, repeats an id,
    names an end it lacks); the loader merges it instead."""


class LoadInterrupted(StoreError):
    """A load stopped part way; re-running it is safe and completes it."""

    def __init__(self, reason: str, batches_written: int, batches_total: int | None) -> None:
        of = "" if batches_total is None else f" of {batches_total}"
        super().__init__(
            f"load interrupted after {batches_written}{of} batches were written: "
            f"{reason}\nRe-run the same command to complete the load (loading is idempotent)."
        )
        self.batches_written = batches_written
        self.batches_total = batches_total
