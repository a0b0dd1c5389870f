"""Loading row tables into a graph that does not exist yet with ``GRAPH.BULK``: the fast path
of ``kg load`` (``scripts/bench_load.py`` measures it against the MERGE statements).

The server creates bulk nodes without looking anything up, so this side gives each node its
number (the order it is sent in) and each relationship the numbers of its ends; memory holds
one entry per node and eight bytes per relationship, plus one command of at most
:data:`DEFAULT_COMMAND_BYTES`. The result must be the graph merging would make, so anything on
which the two would differ stops the bulk load, removes the graph it created and raises
:class:`~kg.store.errors.BulkUnsuitable` (the loader then merges): an id repeated within a
label (merging keeps one node), a relationship repeated between the same two nodes (merging
keeps one), an end no node table holds (merging skips the relationship). The ``id`` indexes
merging would have made first are created after the data, as building them over it is quicker.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from kg.graph.spilled_tables import SpilledTable
from kg.graph.tables import Row
from kg.store.backend import BulkStore, WriteCounts
from kg.store.bulk_format import header, node_records, relationship_records
from kg.store.errors import BulkUnsuitable, ConnectionLost, LoadInterrupted, StoreError
from kg.store.loader import LoadSummary, OnBatch, Written

DEFAULT_COMMAND_BYTES = 4 * 1024 * 1024
"""Bytes of one bulk command: big enough that round trips do not count, small enough that
memory stays flat and the server answers others between commands."""
ROWS_READ = 2000  # rows read from a table file at a time
STATEMENT = "GRAPH.BULK"


@dataclass
class _Token:
    """One table's rows in the command being filled: their records and how many."""

    table: SpilledTable
    parts: list[bytes]
    rows: int = 0


@dataclass
class _InFlight:
    """A command being written while the next one is encoded."""

    done: Future[None]
    tokens: list[_Token]
    first: bool


class _Commands:
    """Fills bulk commands up to ``limit`` bytes and writes each when full, on a helper thread,
    so encoding the next one overlaps with the server's work (one command at a time)."""

    def __init__(self, store: BulkStore, limit: int, on_batch: OnBatch | None) -> None:
        self.store, self.limit, self.on_batch = store, limit, on_batch
        self.tokens: list[_Token] = []
        self.size = 0
        self.begun = False  # the first command, which creates the graph, was written
        self.sent = 0
        self.summary = LoadSummary(bulk=True)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk")
        self.in_flight: _InFlight | None = None

    def add(self, table: SpilledTable, rows: list[Row], records: list[bytes]) -> None:
        """Add the rows of ``table`` (encoded as ``records``), sending each command when full."""
        if not self.tokens or self.tokens[-1].table is not table:
            self._open(table)
        sizes = list(accumulate(map(len, records)))
        start = 0
        while start < len(records):
            token, before = self.tokens[-1], sizes[start - 1] if start else 0
            room = self.limit - self.size
            end = bisect_right(sizes, before + room, lo=start)  # the records that fit
            if end == start:  # not even one: a new command, unless this one holds nothing
                if any(held.rows for held in self.tokens):
                    self.flush()
                    self._open(table)
                    continue
                raise StoreError(
                    f"a row of {table.group} ({rows[start][0]!r}) takes "
                    f"{len(records[start]):,} bytes, {len(token.parts[0])} more with its "
                    f"table's header: more than one bulk command may carry ({self.limit:,}); "
                    "load it with --no-bulk"
                )
            token.parts.extend(records[start:end])
            token.rows += end - start
            self.size += sizes[end - 1] - before
            start = end

    def _open(self, table: SpilledTable) -> None:
        name = table.names[0] if table.kind == "nodes" else table.names[1]
        properties = ("id", *table.properties) if table.kind == "nodes" else table.properties
        opening = header(name, properties)
        self.tokens.append(_Token(table, [opening]))
        self.size += len(opening)

    def flush(self) -> None:
        """Hand the command filled so far to the helper thread, once the one before is done."""
        tokens = [token for token in self.tokens if token.rows]
        self.tokens, self.size = [], 0
        if not tokens:
            return
        nodes = [token for token in tokens if token.table.kind == "nodes"]
        relationships = [token for token in tokens if token.table.kind != "nodes"]
        node_tokens = [b"".join(token.parts) for token in nodes]
        relationship_tokens = [b"".join(token.parts) for token in relationships]
        for token in tokens:
            token.parts = []  # the joined copies are what is sent
        self.wait()
        first = not self.begun
        done = self.pool.submit(
            self.store.bulk_insert,
            first,
            sum(token.rows for token in nodes),
            sum(token.rows for token in relationships),
            node_tokens,
            relationship_tokens,
        )
        self.in_flight = _InFlight(done, tokens, first)

    def wait(self) -> None:
        """Wait for the command being written; count it, or raise what went wrong."""
        in_flight, self.in_flight = self.in_flight, None
        if in_flight is None:
            return
        in_flight.done.result()
        self.begun = True
        self.sent += 1
        self.summary.batches += 1
        for token in in_flight.tokens:
            self._count(token)

    def close(self) -> None:
        """After a failure: let the command being written end (so ``begun`` is known)."""
        with suppress(Exception):
            self.wait()
        self.pool.shutdown(wait=True)

    def _count(self, token: _Token) -> None:
        # every row of a table stores all its properties (a missing value makes another table)
        rows, table = token.rows, token.table
        values = rows * len(table.properties)
        if table.kind == "nodes":
            self.summary.nodes_created += rows
            counts = WriteCounts(nodes_created=rows, properties_set=rows + values)  # and the id
        else:
            self.summary.relationships_created += rows
            counts = WriteCounts(relationships_created=rows, properties_set=values)
        self.summary.properties_set += counts.properties_set
        if self.on_batch is not None:
            self.on_batch(Written(table, STATEMENT, [], rows), counts)


def _rows(table: SpilledTable) -> Iterator[list[Row]]:
    return table.batches(ROWS_READ)


class _Numbers:
    """The number the server gives each node (its place in the order sent), by label and id."""

    def __init__(self) -> None:
        self.by_label: dict[str, dict[str, int]] = {}
        self.count = 0

    def add(self, label: str, ident: str) -> None:
        known = self.by_label.setdefault(label, {})
        if ident in known:
            raise BulkUnsuitable(f"{label} id {ident!r} is in the graph more than once")
        known[ident] = self.count
        self.count += 1

    def of(self, label: str) -> dict[str, int]:
        return self.by_label.get(label, {})


def _write_nodes(commands: _Commands, table: SpilledTable, numbers: _Numbers) -> None:
    label, add = table.names[0], numbers.add
    for rows in _rows(table):
        for row in rows:
            add(label, row[0])
        commands.add(table, rows, node_records(rows))


def _write_relationships(
    commands: _Commands, table: SpilledTable, numbers: _Numbers, pairs: list[np.ndarray]
) -> None:
    """Write one relationship table; ``pairs`` collects its (source, target) pairs, as one
    number each, to find a relationship given twice."""
    source, _type, target = table.names
    sources, targets = numbers.of(source), numbers.of(target)
    width = max(numbers.count, 1)
    for rows in _rows(table):
        try:
            ends = [(sources[row[0]], targets[row[1]]) for row in rows]
        except KeyError as exc:
            raise BulkUnsuitable(
                f"a relationship {table.group} names a node that is not in the graph: {exc}"
            ) from None
        commands.add(table, rows, relationship_records(rows, ends))
        pairs.append(np.fromiter((a * width + b for a, b in ends), np.int64, len(ends)))


def _repeated(pairs: list[np.ndarray]) -> bool:
    """Whether any (source, target) pair of one relationship type comes twice."""
    if not pairs:
        return False
    every = np.concatenate(pairs)
    every.sort()
    return bool(np.any(every[1:] == every[:-1]))


def bulk_load(
    store: BulkStore,
    tables: Sequence[SpilledTable],
    on_batch: OnBatch | None = None,
    command_bytes: int = DEFAULT_COMMAND_BYTES,
) -> LoadSummary:
    """Create the graph of ``tables`` (checked against the schema) in ``store``, where it does
    not exist yet, in bulk commands of at most ``command_bytes`` (and the server's limits).

    Raises :class:`BulkUnsuitable` when the graph exists or would differ from the one merging
    makes, having removed what it wrote; a lost connection raises :class:`LoadInterrupted`.
    """
    if not store.graph_missing():
        raise BulkUnsuitable("the graph exists already")
    commands = _Commands(store, min(command_bytes, store.bulk_limit()), on_batch)
    try:
        numbers = _Numbers()
        for table in tables:  # every node first: a command's nodes come before its relationships
            if table.kind == "nodes":
                _write_nodes(commands, table, numbers)
        by_type: dict[str, list[np.ndarray]] = {}
        for table in tables:
            if table.kind != "nodes":
                pairs = by_type.setdefault(table.names[1], [])
                _write_relationships(commands, table, numbers, pairs)
        commands.flush()
        commands.wait()
        if any(map(_repeated, by_type.values())):
            raise BulkUnsuitable("a relationship is in the graph more than once")
        if not commands.begun:
            raise BulkUnsuitable("the graph is empty")
    except ConnectionLost as exc:
        commands.close()
        raise LoadInterrupted(exc.message, commands.sent, None) from None
    except Exception:
        commands.close()
        if commands.begun:
            _drop(store)
        raise
    finally:
        commands.close()
    commands.summary.schema_created = store.ensure_schema()
    store.persist()
    return commands.summary


def _drop(store: BulkStore) -> None:
    """Remove the graph this load created, so that no half-written graph is left (what went
    wrong is the error to report, not a failure to clean up)."""
    with suppress(StoreError):
        store.drop_graph()
