"""What every graph store offers, whichever database is behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


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

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Prepared:
    """A write statement with its parameters in the form the backend sends."""

    statement: str
    payload: Any


class GraphStore(Protocol):
    """A graph database holding one graph of the project's schema."""

    description: str

    def ensure_schema(self) -> list[str]:
        """Create the indexes or constraints on ``id`` that are missing; returns what it made."""
        ...

    def write(self, statement: str, params: dict[str, Any]) -> WriteCounts:
        """Run one write statement in its own transaction."""
        ...

    def prepare(self, statement: str, rows: list[tuple[Any, ...]]) -> Prepared:
        """Encode a batch of checked rows, the ``$rows`` of ``statement``, ahead of sending it
        (a load encodes the next batch while the database writes this one)."""
        ...

    def write_prepared(self, prepared: Prepared) -> WriteCounts:
        """Run a write made by :meth:`prepare`."""
        ...

    def query(self, statement: str, params: dict[str, Any], *, write: bool = False) -> QueryResult:
        """Run a query, read-only unless ``write``."""
        ...

    def persist(self) -> None:
        """Make what was written durable now, where the backend needs asking."""
        ...

    def close(self) -> None: ...
