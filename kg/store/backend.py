"""What every graph store offers, whichever database is behind it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kg.hygiene import clean_value

Notify = Callable[[str], None]
"""How a store tells the user about something it did on its own (started a server, replaced
stale state)."""


def notify_stderr(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


@dataclass(frozen=True)
class WriteCounts:
    """Statistics a database reports for one write statement."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0


@dataclass(frozen=True)
class QueryResult:
    """Columns and rows of a query, values already turned into plain Python."""

    columns: list[str]
    rows: list[list[Any]]
    counts: WriteCounts = field(default_factory=WriteCounts)
    cleaned: int = 0
    """Characters no output can carry (see :mod:`kg.hygiene`) removed or replaced in the
    values: another client may have written them into the database."""

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def clean_result(result: QueryResult) -> QueryResult:
    """``result`` with its strings (column names, values, keys of maps, in lists and nodes)
    through the same text hygiene as the inputs, and how many characters that changed: what
    another client wrote is shown as safely as what we loaded. (The stores return what the
    database holds, exactly; what is shown or written from it is cleaned.)"""
    names, in_names = clean_value(result.columns)
    rows, in_rows = clean_value(result.rows)
    if not in_names + in_rows:
        return result
    return QueryResult(
        columns=list(names),
        rows=[list(row) for row in rows],
        counts=result.counts,
        cleaned=result.cleaned + in_names + in_rows,
    )


class GraphStore(Protocol):
    """A graph database holding one graph of the project's schema."""

    description: str

    def ensure_schema(self) -> list[str]:
        """Create the indexes or constraints on ``id`` that are missing; returns what it made."""
        ...

    def write(self, statement: str, params: dict[str, Any]) -> WriteCounts:
        """Run one write statement in its own transaction."""
        ...

    def write_many(
        self, writes: Iterable[tuple[str, dict[str, Any]]]
    ) -> Generator[WriteCounts, None, None]:
        """Run write statements in order, each in its own transaction, yielding each one's counts
        when it is done (a load sends its batches so). A backend may encode the next statement's
        parameters while the database runs one; stopping the iteration stops the writes."""
        ...

    def query(self, statement: str, params: dict[str, Any], *, write: bool = False) -> QueryResult:
        """Run a query, read-only unless ``write``."""
        ...

    def persist(self) -> None:
        """Make what was written durable now, where the backend needs asking."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class BulkStore(GraphStore, Protocol):
    """A store that can also write a new graph in bulk (FalkorDB's ``GRAPH.BULK``), much
    faster than merging, but only while the graph does not exist (:mod:`kg.store.bulk`)."""

    def graph_missing(self) -> bool:
        """Whether the graph does not exist yet (then a bulk load may create it)."""
        ...

    def bulk_limit(self) -> int:
        """The most bytes one bulk command may carry: the server's own limits, where it tells."""
        ...

    def bulk_insert(
        self,
        begin: bool,
        nodes: int,
        relationships: int,
        node_tokens: list[bytes],
        relationship_tokens: list[bytes],
    ) -> None:
        """Send one bulk command; ``begin`` creates the graph (and fails if it exists)."""
        ...

    def drop_graph(self) -> None:
        """Delete the graph (a bulk load that could not finish removes what it created)."""
        ...
