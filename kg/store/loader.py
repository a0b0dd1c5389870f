"""Loading a graph into a store: schema first, then batched MERGEs of nodes and relationships
(or, into a FalkorDB graph that does not exist yet, bulk commands: :mod:`kg.store.bulk`).

The graph stage plans the row tables (:func:`kg.graph.tables.graph_tables`); each table becomes
one ``UNWIND $rows`` statement (:func:`kg.store.statements.merge_table`), sent ``batch_size`` rows
at a time. MERGE on ``id`` makes a load idempotent: loading the same graph again changes no
counts, and a graph built from other papers adds to what is there without duplicating shared
entities.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.graph.spilled_tables import SpilledTable
from kg.graph.tables import Kind, Row, TableShape, graph_tables
from kg.store import statements
from kg.store.backend import BulkStore, GraphStore, WriteCounts
from kg.store.errors import BulkUnsuitable, ConnectionLost, LoadInterrupted

DEFAULT_BATCH_SIZE = 5000


@dataclass(frozen=True)
class Batch:
    """Rows of one table that one statement writes in one round trip."""

    table: TableShape
    statement: str
    rows: list[Row]

    @property
    def kind(self) -> Kind:
        return self.table.kind

    @property
    def group(self) -> str:
        return self.table.group

    @property
    def names(self) -> tuple[str, ...]:
        return self.table.names

    @property
    def properties(self) -> tuple[str, ...]:
        return self.table.properties

    @property
    def size(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Written(Batch):
    """A batch whose rows are no longer held once written (a bulk command's), only counted."""

    count: int = 0

    @property
    def size(self) -> int:
        return self.count


OnBatch = Callable[[Batch, WriteCounts], None]


@dataclass
class LoadSummary:
    """What a load did, from the database's own statistics."""

    schema_created: list[str] = field(default_factory=list)
    batches: int = 0
    nodes_created: int = 0
    nodes_updated: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    properties_set: int = 0
    bulk: bool = False
    """Written by bulk commands into a new graph (:mod:`kg.store.bulk`), not merged."""
    merged_because: str = ""
    """Why a load that could have gone in bulk was merged (the graph exists, ...)."""

    def add(self, batch: Batch, counts: WriteCounts) -> None:
        self.batches += 1
        self.properties_set += counts.properties_set
        if batch.kind == "nodes":
            self.nodes_created += counts.nodes_created
            self.nodes_updated += batch.size - counts.nodes_created
        else:
            self.relationships_created += counts.relationships_created
            self.relationships_updated += batch.size - counts.relationships_created

    def text(self) -> str:
        return (
            f"nodes: {self.nodes_created} created, {self.nodes_updated} updated; "
            f"relationships: {self.relationships_created} created, "
            f"{self.relationships_updated} updated; {self.properties_set} properties set "
            f"in {self.batches} {'bulk commands' if self.bulk else 'batches'}"
        ) + (f" (merged: {self.merged_because})" if self.merged_because else "")


def plan_batches(graph: nx.MultiDiGraph, batch_size: int) -> list[Batch]:
    """Every node and relationship of ``graph`` in write order, ``batch_size`` rows at a time.

    Raises :class:`~kg.graph.columns.SchemaViolation` for anything the schema does not allow,
    before any batch.
    """
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    batches: list[Batch] = []
    for table in graph_tables(graph):
        statement = statements.merge_table(table)
        rows = table.rows
        for start in range(0, len(rows), batch_size):
            batches.append(Batch(table, statement, rows[start : start + batch_size]))
    return batches


def load_graph(
    store: GraphStore,
    graph: nx.MultiDiGraph,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: OnBatch | None = None,
) -> LoadSummary:
    """Write every node and relationship of ``graph`` into ``store``.

    ``on_batch`` is called after each batch is written (progress bars use it). A graph that does
    not fit the schema raises before anything is written; a lost connection raises
    :class:`LoadInterrupted`, naming how many batches were written.
    """
    batches = plan_batches(graph, batch_size)
    return _write(store, batches, len(batches), on_batch)


def load_tables(
    store: GraphStore,
    tables: Sequence[SpilledTable],
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: OnBatch | None = None,
    *,
    bulk: bool = True,
) -> LoadSummary:
    """Write spilled tables (:func:`kg.graph.spilled_tables.spill_tables`, already checked
    against the schema) into ``store``, reading ``batch_size`` rows at a time: memory stays
    flat whatever the graph's size.

    With ``bulk``, a graph that does not exist yet in a store that can take bulk commands is
    created by them (:mod:`kg.store.bulk`), much faster; it stores what merging would."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    merged_because = ""
    if bulk and isinstance(store, BulkStore):
        from kg.store.bulk import bulk_load

        try:
            return bulk_load(store, tables, on_batch)
        except BulkUnsuitable as exc:
            merged_because = exc.message
    total = sum(-(-table.count // batch_size) for table in tables)

    def batches() -> Iterator[Batch]:
        for table in tables:
            statement = statements.merge_table(table)
            for rows in table.batches(batch_size):
                yield Batch(table, statement, rows)

    summary = _write(store, batches(), total, on_batch)
    summary.merged_because = merged_because
    return summary


def _write(
    store: GraphStore, batches: Iterable[Batch], total: int, on_batch: OnBatch | None
) -> LoadSummary:
    summary = LoadSummary(schema_created=store.ensure_schema())
    planned: deque[Batch] = deque()  # the batch of each write, handed over as it is sent

    def sent() -> Iterator[tuple[str, dict[str, list[Row]]]]:
        for batch in batches:
            planned.append(batch)
            yield batch.statement, {"rows": batch.rows}

    written = store.write_many(sent())
    try:
        for counts in written:
            batch = planned.popleft()
            summary.add(batch, counts)
            if on_batch is not None:
                on_batch(batch, counts)
    except ConnectionLost as exc:
        raise LoadInterrupted(exc.message, summary.batches, total) from None
    finally:
        written.close()  # stops the writes now, not when the generator is collected
    store.persist()
    return summary
