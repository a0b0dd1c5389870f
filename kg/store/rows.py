"""A graph turned into batches of parameter rows, one fixed statement per batch.

Nodes are grouped by label and property names, relationships by (source label, type, target
label) and property names. Each ``UNWIND $rows`` statement then names fixed labels, so it can use
the ``id`` indexes, and sets fixed properties from positions in a row: ``(id, value, ...)`` for a
node, ``(source id, target id, value, ...)`` for a relationship. Plain tuples cost far less to
build and to encode than a map per row. All nodes come before all relationships, so both ends of
every relationship exist when it is merged.

Planning is one pass over the graph that checks as it groups: labels and types once per distinct
value, property names once per distinct attribute layout, values one column of a group at a
time. Nothing is returned, so nothing is written, unless the whole graph fits the schema.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from kg.store import statements
from kg.store.columns import check_column, split_missing
from kg.store.errors import SchemaViolation

Row = tuple[Any, ...]
Kind = Literal["nodes", "relationships"]
Getter = Callable[[dict[str, Any]], Row]

# Attributes that describe the graph element rather than being one of its properties.
NODE_META = frozenset({"label", "labels", "id"})
EDGE_META = frozenset({"label"})


@dataclass(frozen=True)
class Batch:
    """Rows that one statement writes in one round trip."""

    kind: Kind
    group: str
    # the label of a node batch; source label, type and target label of a relationship batch
    names: tuple[str, ...]
    # the properties the values of each row stand for, in order, after the id or ids
    properties: tuple[str, ...]
    statement: str
    rows: list[Row]

    @property
    def size(self) -> int:
        return len(self.rows)


def _getter(names: tuple[str, ...]) -> Getter:
    """A function reading ``names`` from an attribute dict into a tuple, in C where possible."""
    if len(names) > 1:
        from operator import itemgetter

        return itemgetter(*names)  # type: ignore[return-value]
    if names:
        (name,) = names
        return lambda data: (data[name],)
    return lambda _data: ()


class _Names:
    """Labels and relationship types checked once per distinct raw value."""

    def __init__(self) -> None:
        self.labels: dict[object, str] = {}
        self.types: dict[object, str] = {}

    def label(self, raw: object) -> str:
        known = self.labels.get(raw)
        if known is None:
            known = self.labels[raw] = str(statements.node_label(str(raw)))
        return known

    def rel_type(self, raw: object) -> str:
        known = self.types.get(raw)
        if known is None:
            known = self.types[raw] = str(statements.rel_type(str(raw)))
        return known


class _Layouts:
    """Property names of each distinct attribute layout, checked once, with a getter of them."""

    def __init__(self, meta: frozenset[str], lead: tuple[str, ...]) -> None:
        self.meta = meta
        self.lead = lead
        self.known: dict[tuple[str, ...], tuple[tuple[str, ...], Getter]] = {}

    def add(self, owner: str, keys: tuple[str, ...]) -> tuple[tuple[str, ...], Getter]:
        """Sorted property names among ``keys``, and a getter of ``lead`` plus their values."""
        try:
            names = tuple(sorted(statements.property_name(k) for k in keys if k not in self.meta))
        except SchemaViolation as exc:
            raise SchemaViolation(f"{owner}: {exc}") from None
        known = self.known[keys] = (names, _getter(self.lead + names))
        return known


NodeGroups = dict[tuple[str, tuple[str, ...]], list[Row]]
EdgeGroups = dict[tuple[str, str, str, tuple[str, ...]], list[Row]]
Ends = dict[Any, tuple[str, Any]]


def _node_id(node: object, ident: object) -> str:
    if ident is None or ident == "":
        raise SchemaViolation(f"node {node!r} has no 'id' property")
    return str(ident)


def _node_groups(graph: nx.MultiDiGraph, names: _Names) -> tuple[NodeGroups, Ends]:
    groups: NodeGroups = defaultdict(list)
    ends: Ends = {}
    labels, layouts = names.labels, _Layouts(NODE_META, ("id",))
    for node, data in graph._node.items():
        raw = data.get("label")
        label = labels.get(raw) or names.label(raw)
        keys = tuple(data)
        properties, get = layouts.known.get(keys) or layouts.add(f"node {node!r}", keys)
        if "id" not in data:
            raise SchemaViolation(f"node {node!r} has no 'id' property")
        row = get(data)
        ident = row[0]
        if type(ident) is not str or not ident:
            ident = _node_id(node, ident)
            row = (ident, *row[1:])
        groups[(label, properties)].append(row)
        ends[node] = (label, ident)
    return groups, ends


def _relationship_groups(graph: nx.MultiDiGraph, names: _Names, ends: Ends) -> EdgeGroups:
    groups: EdgeGroups = defaultdict(list)
    types, layouts = names.types, _Layouts(EDGE_META, ())
    # the adjacency dicts themselves: iterating the read-only views costs twice as much
    for source, neighbours in graph._succ.items():
        source_label, source_id = ends[source]
        for target, keyed in neighbours.items():
            target_label, target_id = ends[target]
            for key, data in keyed.items():
                raw = data.get("label", key)
                rel = types.get(raw) or names.rel_type(raw)
                keys = tuple(data)
                properties, get = layouts.known.get(keys) or layouts.add(
                    f"relationship '{source}-[{rel}]->{target}'", keys
                )
                groups[(source_label, rel, target_label, properties)].append(
                    (source_id, target_id, *get(data))
                )
    return groups


def _checked(
    properties: tuple[str, ...], rows: list[Row], first: int, owner: Callable[[Row], str]
) -> dict[tuple[str, ...], list[Row]]:
    """Rows of one group by the properties they store (a missing value sets nothing), each value
    checked against the schema column by column."""
    parts = split_missing(properties, rows, first)
    for names, part in parts.items():
        for position, name in enumerate(names, first):
            check_column(name, part, position, owner)
    return parts


def _chunks(rows: list[Row], size: int) -> list[list[Row]]:
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def plan_batches(graph: nx.MultiDiGraph, batch_size: int) -> list[Batch]:
    """Every node and relationship of ``graph`` in write order, ``batch_size`` rows at a time.

    Raises :class:`SchemaViolation` for anything the schema does not allow, before any batch.
    """
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    names = _Names()
    # the rows are some hundred thousand new tuples and no cycles: without this, each few
    # thousand of them set off a collection that walks the whole graph again
    collecting = gc.isenabled()
    gc.disable()
    try:
        nodes, ends = _node_groups(graph, names)
        relationships = _relationship_groups(graph, names, ends)
    finally:
        if collecting:
            gc.enable()
    batches: list[Batch] = []
    for (label, properties), rows in sorted(nodes.items()):

        def node(row: Row, label: str = label) -> str:
            return f"{label} node {row[0]!r}"

        for stored, part in sorted(_checked(properties, rows, 1, node).items()):
            statement = statements.merge_nodes(label, stored)
            for chunk in _chunks(part, batch_size):
                batches.append(Batch("nodes", label, (label,), stored, statement, chunk))
    for (source, rel, target, properties), rows in sorted(relationships.items()):
        group = f"({source})-[{rel}]->({target})"

        def edge(row: Row, group: str = group) -> str:
            return f"relationship {group} from {row[0]!r} to {row[1]!r}"

        for stored, part in sorted(_checked(properties, rows, 2, edge).items()):
            statement = statements.merge_relationships(source, rel, target, stored)
            for chunk in _chunks(part, batch_size):
                batches.append(
                    Batch("relationships", group, (source, rel, target), stored, statement, chunk)
                )
    return batches
