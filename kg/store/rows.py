"""A graph turned into batches of parameter rows, one fixed statement per batch.

Nodes are grouped by label and relationships by (source label, type, target label), so each
``UNWIND $rows`` statement names fixed labels and can use the ``id`` indexes. All nodes come
before all relationships, so both ends of every relationship exist when it is merged.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from kg.store import statements
from kg.store.errors import SchemaViolation

Row = dict[str, Any]
Kind = Literal["nodes", "relationships"]

# Attributes that describe the graph element rather than being one of its properties.
NODE_META = frozenset({"label", "labels", "id"})
EDGE_META = frozenset({"label"})
_PROPERTY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCALARS = (str, bool, int, float)


@dataclass(frozen=True)
class Batch:
    """Rows that one statement writes in one round trip."""

    kind: Kind
    group: str
    statement: str
    rows: list[Row]


class _RowBuilder:
    """Checks labels, types and property names once per distinct value, not once per row."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.labels: dict[object, str] = {}
        self.types: dict[object, str] = {}
        self.names: set[str] = set()
        self._ends: dict[str, tuple[str, str]] = {}

    def label(self, data: dict[str, Any]) -> str:
        raw = data.get("label")
        if raw not in self.labels:
            self.labels[raw] = str(statements.node_label(str(raw)))
        return self.labels[raw]

    def rel_type(self, raw: object) -> str:
        if raw not in self.types:
            self.types[raw] = str(statements.rel_type(str(raw)))
        return self.types[raw]

    def node_id(self, node: str, data: dict[str, Any]) -> str:
        ident = data.get("id")
        if ident is None or ident == "":
            raise SchemaViolation(f"node {node!r} has no 'id' property")
        return ident if type(ident) is str else str(ident)

    def end(self, node: str) -> tuple[str, str]:
        """Label and id of a relationship's end, looked up once per node."""
        known = self._ends.get(node)
        if known is None:
            data = self.graph.nodes[node]
            known = self._ends[node] = (self.label(data), self.node_id(node, data))
        return known

    def properties(self, owner: object, data: dict[str, Any], meta: frozenset[str]) -> Row:
        props: Row = {}
        for key, value in data.items():
            if key in meta or value is None:
                continue
            if key not in self.names:
                if not _PROPERTY_NAME.match(key):
                    raise SchemaViolation(
                        f"{owner}: property name {key!r} is not a plain identifier"
                    )
                self.names.add(key)
            kind = type(value)
            if kind is str or kind is int or kind is bool:
                props[key] = value
            else:
                props[key] = _checked_value(owner, key, value)
        return props


def _checked_value(owner: object, key: str, value: Any) -> Any:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SchemaViolation(f"{owner}: property {key!r} is {value!r}, which cannot be stored")
        return value
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, _SCALARS) for v in value):
        if len({type(v) for v in value}) > 1:
            raise SchemaViolation(f"{owner}: list property {key!r} mixes value types")
        return list(value)
    raise SchemaViolation(
        f"{owner}: property {key!r} has a {type(value).__name__}; only strings, numbers, "
        "booleans and lists of them can be stored"
    )


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[Row]]:
    """Rows ``{id, props}`` per node label."""
    build = _RowBuilder(graph)
    groups: dict[str, list[Row]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        props = build.properties(_Owner("node", node), data, NODE_META)
        groups[build.label(data)].append({"id": build.node_id(node, data), "props": props})
    return dict(groups)


def relationship_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[Row]]:
    """Rows ``{source, target, props}`` per (source label, type, target label)."""
    build = _RowBuilder(graph)
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for source, target, key, data in graph.edges(keys=True, data=True):
        rel = build.rel_type(data.get("label", key))
        (source_label, source_id), (target_label, target_id) = build.end(source), build.end(target)
        owner = _Owner("relationship", f"{source}-[{rel}]->{target}")
        props = build.properties(owner, data, EDGE_META)
        groups[(source_label, rel, target_label)].append(
            {"source": source_id, "target": target_id, "props": props}
        )
    return dict(groups)


@dataclass(frozen=True)
class _Owner:
    """Names a node or relationship in messages; built cheaply, formatted only on error."""

    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name!r}"


def _chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def plan_batches(graph: nx.MultiDiGraph, batch_size: int) -> list[Batch]:
    """Every node and relationship of ``graph`` in write order, ``batch_size`` rows at a time."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    batches: list[Batch] = []
    for label, rows in sorted(node_rows(graph).items()):
        statement = statements.merge_nodes(label)
        batches += [Batch("nodes", label, statement, c) for c in _chunks(rows, batch_size)]
    for (source, rel, target), rows in sorted(relationship_rows(graph).items()):
        statement = statements.merge_relationships(source, rel, target)
        group = f"({source})-[{rel}]->({target})"
        batches += [Batch("relationships", group, statement, c) for c in _chunks(rows, batch_size)]
    return batches
