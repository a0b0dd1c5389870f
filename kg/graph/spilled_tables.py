"""The row tables of a graph read as a stream, spilled to files: what ``kg load`` writes batch by
batch without holding the graph.

The plan is :func:`kg.graph.tables.graph_tables`'s, checked the same way (labels, types,
property names and values against the schema, a few thousand rows of a group at a time), and
complete before anything is written, so a graph that does not fit the schema still writes
nothing. Rows go to one file per table as they are checked; memory holds one entry per node
(its key, label and id, to give each relationship its ends) and a few thousand rows per group.
A table's rows are in the order the stream gave them; the set of rows of each table is the one
:func:`graph_tables` makes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.graph.columns import SchemaViolation
from kg.graph.tables import (
    EDGE_META,
    NODE_META,
    Row,
    TableShape,
    _checked,
    _Layouts,
    _Names,
    node_row,
)

NodeItem = tuple[str, dict[str, Any]]
EdgeItem = tuple[str, str, Any, dict[str, Any]]
GROUP_ROWS = 5000  # rows of one group checked and spilled at a time


class UnknownEndpoint(SchemaViolation):
    """A relationship names a node the nodes given before it do not hold."""


@dataclass(frozen=True)
class SpilledTable(TableShape):
    """A table whose ``count`` rows are in the file ``path``."""

    path: Path
    count: int

    @property
    def size(self) -> int:
        return self.count

    def _parts(self) -> Iterator[list[Row]]:
        """The rows as they were spilled: one JSON array of rows per line (plain data, which
        any reader may open safely, unlike a pickle)."""
        with open(self.path, encoding="ascii") as handle:
            for line in handle:
                yield [tuple(row) for row in json.loads(line)]

    def each_row(self) -> Iterator[Row]:
        for rows in self._parts():
            yield from rows

    def blocks(self) -> Iterator[Sequence[Sequence[Any]]]:
        """The rows of each line as JSON gives them: lists, not tuples (making tuples costs half
        as much again as decoding, for a writer that only reads them)."""
        with open(self.path, encoding="ascii") as handle:
            for line in handle:
                yield json.loads(line)

    def batches(self, size: int) -> Iterator[list[Row]]:
        """The rows, ``size`` at a time, read as they are needed."""
        batch: list[Row] = []
        for rows in self._parts():
            for row in rows:
                batch.append(row)
                if len(batch) == size:
                    yield batch
                    batch = []
        if batch:
            yield batch


class _Files:
    """One file per table, rows appended as they are checked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open: dict[tuple[Any, ...], tuple[IO[str], Path]] = {}
        self.counts: dict[tuple[Any, ...], int] = {}

    def add(self, key: tuple[Any, ...], rows: list[Row]) -> None:
        if key not in self.open:
            path = self.folder / f"table-{len(self.open):04d}.jsonl"
            # closed by tables()
            self.open[key] = (open(path, "w", encoding="ascii"), path)  # noqa: SIM115
            self.counts[key] = 0
        handle = self.open[key][0]
        handle.write(json.dumps(rows))
        handle.write("\n")
        self.counts[key] += len(rows)

    def tables(self) -> list[SpilledTable]:
        for handle, _path in self.open.values():
            handle.close()
        nodes = sorted(k for k in self.open if len(k) == 2)
        edges = sorted(k for k in self.open if len(k) == 4)
        tables = [
            SpilledTable(
                "nodes",
                (label,),
                stored,
                self.open[(label, stored)][1],
                self.counts[(label, stored)],
            )
            for label, stored in nodes
        ]
        tables += [
            SpilledTable("relationships", key[:3], key[3], self.open[key][1], self.counts[key])
            for key in edges
        ]
        return tables


def spill_tables(
    nodes: Iterable[NodeItem], edges: Iterable[EdgeItem], folder: Path
) -> list[SpilledTable]:
    """The tables of the graph whose nodes (key, attributes) and then edges (source, target,
    key, attributes) are given, in write order, their rows in files of ``folder``.

    Raises :class:`SchemaViolation` for anything the schema does not allow.
    """
    names = _Names()
    files = _Files(Path(folder))
    try:
        ends = _spill_nodes(nodes, names, files)
        _spill_edges(edges, names, files, ends)
    except BaseException:
        files.tables()  # closes the files
        raise
    return files.tables()


def _flush_node_group(
    files: _Files, label: str, properties: tuple[str, ...], rows: list[Row]
) -> None:
    def owner(row: Row) -> str:
        return f"{label} node {row[0]!r}"

    for stored, part in _checked(properties, rows, 1, owner).items():
        files.add((label, stored), part)


def _spill_nodes(
    nodes: Iterable[NodeItem], names: _Names, files: _Files
) -> dict[str, tuple[str, str]]:
    groups: dict[tuple[str, tuple[str, ...]], list[Row]] = {}
    ends: dict[str, tuple[str, str]] = {}
    layouts = _Layouts(NODE_META, ("id",))
    for node, data in nodes:
        label, properties, row = node_row(node, data, names, layouts)
        rows = groups.setdefault((label, properties), [])
        rows.append(row)
        ends[node] = (label, row[0])
        if len(rows) >= GROUP_ROWS:
            _flush_node_group(files, label, properties, rows)
            groups[(label, properties)] = []
    for (label, properties), rows in groups.items():
        if rows:
            _flush_node_group(files, label, properties, rows)
    return ends


def _flush_edge_group(
    files: _Files, key: tuple[str, str, str, tuple[str, ...]], rows: list[Row]
) -> None:
    source, rel, target, properties = key
    group = f"({source})-[{rel}]->({target})"

    def owner(row: Row) -> str:
        return f"relationship {group} from {row[0]!r} to {row[1]!r}"

    for stored, part in _checked(properties, rows, 2, owner).items():
        files.add((source, rel, target, stored), part)


def _spill_edges(
    edges: Iterable[EdgeItem], names: _Names, files: _Files, ends: dict[str, tuple[str, str]]
) -> None:
    groups: dict[tuple[str, str, str, tuple[str, ...]], list[Row]] = {}
    types, layouts = names.types, _Layouts(EDGE_META, ())
    for source, target, key, data in edges:
        try:
            source_label, source_id = ends[source]
            target_label, target_id = ends[target]
        except KeyError as exc:
            raise UnknownEndpoint(
                f"relationship '{source}->{target}' refers to node {exc.args[0]!r}, which the "
                "graph does not have"
            ) from None
        raw = data.get("label", key)
        rel = types.get(raw) or names.rel_type(raw)
        keys = tuple(data)
        properties, get = layouts.known.get(keys) or layouts.add(
            f"relationship '{source}-[{rel}]->{target}'", keys
        )
        group = (source_label, rel, target_label, properties)
        rows = groups.setdefault(group, [])
        rows.append((source_id, target_id, *get(data)))
        if len(rows) >= GROUP_ROWS:
            _flush_edge_group(files, group, rows)
            groups[group] = []
    for group, rows in groups.items():
        if rows:
            _flush_edge_group(files, group, rows)


def spill_graphml(path: Path, folder: Path, *, one_pass: bool = True) -> list[SpilledTable]:
    """The checked tables of the GraphML file ``path``, spilled to files of ``folder``.

    The file is parsed once when its nodes all come before its edges (parsing is most of the
    time of reading it); a file that interleaves them, or whose edge names a node not seen yet,
    is read again in two passes (nodes, then edges), which also say what is wrong if anything
    is. ``one_pass=False`` reads in two passes at once (benchmarks compare the two).
    """
    from kg.graph.graphml import (
        NodesAfterEdges,
        graphml_in_one_pass,
        iter_graphml_edges,
        iter_graphml_nodes,
    )

    if one_pass:
        once = Path(folder) / "one-pass"
        once.mkdir()
        try:
            return spill_tables(*graphml_in_one_pass(path), once)
        except (NodesAfterEdges, UnknownEndpoint):
            shutil.rmtree(once)
    twice = Path(folder) / "two-passes"
    twice.mkdir()
    return spill_tables(iter_graphml_nodes(path), iter_graphml_edges(path), twice)
