"""Loading a graph into a store: schema first, then batched MERGEs of nodes and relationships.

MERGE on ``id`` makes a load idempotent: loading the same graph again changes no counts, and a
graph built from other papers adds to what is there without duplicating shared entities.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import networkx as nx

from kg.store.backend import GraphStore, Prepared, WriteCounts
from kg.store.errors import ConnectionLost, LoadInterrupted
from kg.store.rows import Batch, plan_batches

DEFAULT_BATCH_SIZE = 5000
# How many batches are encoded ahead of the one being written.
ENCODE_AHEAD = 2

OnBatch = Callable[[Batch, WriteCounts], None]


@dataclass
class LoadSummary:
    """What a load did, from the database's own statistics."""

    schema_created: list[str]
    batches: int = 0
    nodes_created: int = 0
    nodes_updated: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    properties_set: int = 0

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
            f"in {self.batches} batches"
        )


def load_graph(
    store: GraphStore,
    graph: nx.MultiDiGraph,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: OnBatch | None = None,
) -> LoadSummary:
    """Write every node and relationship of ``graph`` into ``store``.

    ``on_batch`` is called after each batch is written (progress bars use it). A lost connection
    raises :class:`LoadInterrupted`, naming how many batches were written.
    """
    batches = plan_batches(graph, batch_size)
    summary = LoadSummary(schema_created=store.ensure_schema())
    for batch, prepared in _prepared_ahead(store, batches):
        try:
            counts = store.write_prepared(prepared)
        except ConnectionLost as exc:
            raise LoadInterrupted(exc.message, summary.batches, len(batches)) from None
        summary.add(batch, counts)
        if on_batch is not None:
            on_batch(batch, counts)
    store.persist()
    return summary


def _prepare(store: GraphStore, batch: Batch) -> Prepared:
    return store.prepare(batch.statement, batch.rows)


def _prepared_ahead(store: GraphStore, batches: list[Batch]) -> Iterator[tuple[Batch, Prepared]]:
    """Batches with their encoded statements, encoded on a helper thread a few batches ahead, so
    that work overlaps with the database executing the previous batch."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-encode")
    pending: deque[tuple[Batch, Future[Prepared]]] = deque()
    upcoming = iter(batches)

    def encode_next() -> None:
        batch = next(upcoming, None)
        if batch is not None:
            pending.append((batch, pool.submit(_prepare, store, batch)))

    try:
        for _ in range(ENCODE_AHEAD):
            encode_next()
        while pending:
            batch, future = pending.popleft()
            prepared = future.result()
            encode_next()
            yield batch, prepared
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
