"""A graph as row tables: the one plan that the loader, the Cypher script and other exports of
whole graphs share.

Nodes are grouped by label and property names, relationships by (source label, type, target
label) and property names. A row is a plain tuple: ``(id, value, ...)`` for a node,
``(source id, target id, value, ...)`` for a relationship, the values being the table's
``properties`` in order. So each table can be written by one fixed statement naming fixed labels
(which can then use the ``id`` indexes) and fixed properties. All node tables come before all
relationship tables, so both ends of every relationship exist when it is written.

A property without a value (``None``) is left out of its row: such rows form a table of their
own without that property, so writing them leaves what a database holds.

Planning is one pass over the graph that checks as it groups: labels and types against the
schema once per distinct value, property names once per distinct attribute layout, values one
column of a table at a time. Nothing is returned unless the whole graph fits the schema; else a
:class:`~kg.graph.columns.SchemaViolation` says what does not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Literal

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.graph.columns import (
    SchemaViolation,
    check_column,
    node_label,
    property_name,
    rel_type,
    split_missing,
)

__all__ = [
    "EDGE_META",
    "NODE_META",
    "Kind",
    "Row",
    "SchemaViolation",
    "Table",
    "TableShape",
    "graph_tables",
]

Row = tuple[Any, ...]
Kind = Literal["nodes", "relationships"]
Getter = Callable[[dict[str, Any]], Row]

# Attributes that describe the graph element rather than being one of its properties.
NODE_META = frozenset({"label", "labels", "id"})
EDGE_META = frozenset({"label"})
BLOCK_ROWS = 5000  # rows of a table that TableShape.blocks gives at a time


@dataclass(frozen=True)
class TableShape:
    """What a table of rows is: nodes of one label, or relationships of one type between two
    labels, that all store the same properties."""

    kind: Kind
    # the label of a node table; source label, type and target label of a relationship table
    names: tuple[str, ...]
    # the properties the values of each row stand for, in order, after the id or ids
    properties: tuple[str, ...]

    @property
    def group(self) -> str:
        """``Paper`` or ``(Paper)-[USES]->(Method)``."""
        if self.kind == "nodes":
            return self.names[0]
        source, rel, target = self.names
        return f"({source})-[{rel}]->({target})"

    @property
    def first(self) -> int:
        """The position of the first property value in a row (after the id or the two ids)."""
        return 1 if self.kind == "nodes" else 2

    @property
    def size(self) -> int:
        """How many rows the table has."""
        raise NotImplementedError

    def each_row(self) -> Iterator[Row]:
        """The rows, one at a time, wherever they are kept."""
        raise NotImplementedError

    def blocks(self) -> Iterator[Sequence[Sequence[Any]]]:
        """The rows a few thousand at a time, for writers that encode a column of a block at
        once; a row may be a list rather than a tuple."""
        block: list[Row] = []
        for row in self.each_row():
            block.append(row)
            if len(block) == BLOCK_ROWS:
                yield block
                block = []
        if block:
            yield block


@dataclass(frozen=True)
class Table(TableShape):
    """A table with its rows in memory."""

    rows: list[Row]

    @property
    def size(self) -> int:
        return len(self.rows)

    def each_row(self) -> Iterator[Row]:
        return iter(self.rows)

    def blocks(self) -> Iterator[Sequence[Sequence[Any]]]:
        for start in range(0, len(self.rows), BLOCK_ROWS):
            yield self.rows[start : start + BLOCK_ROWS]


def _getter(names: tuple[str, ...]) -> Getter:
    """A function reading ``names`` from an attribute dict into a tuple, in C where possible."""
    if len(names) > 1:
        return itemgetter(*names)
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
            known = self.labels[raw] = str(node_label(str(raw)))
        return known

    def rel_type(self, raw: object) -> str:
        known = self.types.get(raw)
        if known is None:
            known = self.types[raw] = str(rel_type(str(raw)))
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
            names = tuple(sorted(property_name(k) for k in keys if k not in self.meta))
        except SchemaViolation as exc:
            raise SchemaViolation(f"{owner}: {exc.message}") from None
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
    layouts = _Layouts(NODE_META, ("id",))
    for node, data in graph.nodes(data=True):
        label, properties, row = node_row(node, data, names, layouts)
        groups[(label, properties)].append(row)
        ends[node] = (label, row[0])
    return groups, ends


def node_row(
    node: str, data: dict[str, Any], names: _Names, layouts: _Layouts
) -> tuple[str, tuple[str, ...], Row]:
    """One node's label, property layout and row (its id first), checked against the schema:
    the one place both the NetworkX and the streamed tables make a node row."""
    raw = data.get("label")
    label = names.labels.get(raw) or names.label(raw)
    keys = tuple(data)
    properties, get = layouts.known.get(keys) or layouts.add(f"node {node!r}", keys)
    if "id" not in data:
        raise SchemaViolation(f"node {node!r} has no 'id' property")
    row = get(data)
    ident = row[0]
    if type(ident) is not str or not ident:
        row = (_node_id(node, ident), *row[1:])
    return label, properties, row


def _relationship_groups(graph: nx.MultiDiGraph, names: _Names, ends: Ends) -> EdgeGroups:
    groups: EdgeGroups = defaultdict(list)
    types, layouts = names.types, _Layouts(EDGE_META, ())
    # adjacency() hands out the keyed edge dicts themselves: no tuple per edge to unpack
    for source, neighbours in graph.adjacency():
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


def graph_tables(graph: nx.MultiDiGraph) -> list[Table]:
    """Every node and relationship of ``graph`` as tables, in write order: node tables by label
    and properties, then relationship tables by source label, type, target label and properties.

    Raises :class:`SchemaViolation` for anything the schema does not allow.
    """
    names = _Names()
    nodes, ends = _node_groups(graph, names)
    relationships = _relationship_groups(graph, names, ends)
    # rows of one group that lack a value join the rows of another that store the same properties
    node_tables: NodeGroups = defaultdict(list)
    for (label, properties), rows in sorted(nodes.items()):

        def node(row: Row, label: str = label) -> str:
            return f"{label} node {row[0]!r}"

        for stored, part in _checked(properties, rows, 1, node).items():
            node_tables[(label, stored)].extend(part)
    edge_tables: EdgeGroups = defaultdict(list)
    for (source, rel, target, properties), rows in sorted(relationships.items()):
        group = f"({source})-[{rel}]->({target})"

        def edge(row: Row, group: str = group) -> str:
            return f"relationship {group} from {row[0]!r} to {row[1]!r}"

        for stored, part in _checked(properties, rows, 2, edge).items():
            edge_tables[(source, rel, target, stored)].extend(part)
    tables = [
        Table("nodes", (label,), stored, rows)
        for (label, stored), rows in sorted(node_tables.items())
    ]
    tables += [
        Table("relationships", (source, rel, target), stored, rows)
        for (source, rel, target, stored), rows in sorted(edge_tables.items())
    ]
    return tables
