"""A graph turned into batches of parameter rows, one fixed statement per batch.

Nodes are grouped by label and relationships by (source label, type, target label), so each
``UNWIND $rows`` statement names fixed labels and can use the ``id`` indexes. All nodes come
before all relationships, so both ends of every relationship exist when it is merged.

Planning checks the whole graph against the schema before anything is written, but leaves the
row dictionaries to :meth:`Batch.rows`, so a load can build a batch's rows while the database is
still busy with the previous batch.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
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
# Value types accepted without a closer look (floats need a finiteness check, lists a look inside).
_PLAIN = frozenset({str, int, bool, type(None)})
_PLAIN_OR_FLOAT = _PLAIN | {float}


def _finite(values: Iterable[Any]) -> bool:
    return all(math.isfinite(v) for v in values if type(v) is float)


@dataclass(frozen=True)
class Batch:
    """Rows that one statement writes in one round trip, built on demand by :meth:`rows`."""

    kind: Kind
    group: str
    # the label of a node batch; source label, type and target label of a relationship batch
    names: tuple[str, ...]
    statement: str
    size: int
    make_rows: Callable[[], list[Row]]

    def rows(self) -> list[Row]:
        return self.make_rows()


class _Checker:
    """Checks labels, types, ids and property names once per distinct value, not once per row."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.labels: dict[object, str] = {}
        self.types: dict[object, str] = {}
        # attribute names of an element -> the property names among them (checked once)
        self.layouts: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.ends: dict[str, tuple[str, str]] = {}

    def label(self, data: dict[str, Any]) -> str:
        raw = data.get("label")
        if raw not in self.labels:
            self.labels[raw] = str(statements.node_label(str(raw)))
        return self.labels[raw]

    def rel_type(self, raw: object) -> str:
        if raw not in self.types:
            self.types[raw] = str(statements.rel_type(str(raw)))
        return self.types[raw]

    def end(self, node: str) -> tuple[str, str]:
        """Label and id of a node, looked up once per node."""
        known = self.ends.get(node)
        if known is None:
            data = self.graph.nodes[node]
            ident = data.get("id")
            if ident is None or ident == "":
                raise SchemaViolation(f"node {node!r} has no 'id' property")
            known = self.ends[node] = (self.label(data), str(ident))
        return known

    def properties(self, owner: object, data: dict[str, Any], meta: frozenset[str]) -> None:
        """Raise :class:`SchemaViolation` unless every property of ``data`` can be stored."""
        layout = tuple(data)
        names = self.layouts.get(layout)
        if names is None:
            for key in layout:
                if key not in meta and not _PROPERTY_NAME.match(key):
                    raise SchemaViolation(
                        f"{owner}: property name {key!r} is not a plain identifier"
                    )
            names = self.layouts[layout] = tuple(k for k in layout if k not in meta)
        kinds = set(map(type, data.values()))
        if kinds <= _PLAIN or (kinds <= _PLAIN_OR_FLOAT and _finite(data.values())):
            return  # the common cases, decided without a loop over names
        for key in names:
            value = data[key]
            kind = type(value)
            if kind in _PLAIN or value is None or (kind is float and math.isfinite(value)):
                continue
            _check_value(owner, key, value)


def _check_value(owner: object, key: str, value: Any) -> None:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SchemaViolation(f"{owner}: property {key!r} is {value!r}, which cannot be stored")
        return
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, list | tuple) and all(isinstance(v, _SCALARS) for v in value):
        if len({type(v) for v in value}) > 1:
            raise SchemaViolation(f"{owner}: list property {key!r} mixes value types")
        return
    raise SchemaViolation(
        f"{owner}: property {key!r} has a {type(value).__name__}; only strings, numbers, "
        "booleans and lists of them can be stored"
    )


def _props(data: dict[str, Any], meta: frozenset[str]) -> Row:
    """The stored properties of a checked element (tuples become lists, ``None`` is left out)."""
    props = {k: v for k, v in data.items() if k not in meta and v is not None}
    for key, value in props.items():
        if type(value) is tuple:
            props[key] = list(value)
    return props


class _Owner(tuple[str, ...]):
    """Names a node or relationship in messages; built cheaply, formatted only on error."""

    def __new__(cls, *parts: str) -> _Owner:
        return super().__new__(cls, parts)

    def __str__(self) -> str:
        if self[0] == "node":
            return f"node {self[1]!r}"
        return f"relationship '{self[1]}-[{self[2]}]->{self[3]}'"


def _node_groups(check: _Checker) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, data in check.graph.nodes(data=True):
        label, ident = check.end(node)
        check.properties(_Owner("node", node), data, NODE_META)
        groups[label].append((ident, data))
    return groups


EdgeItem = tuple[str, str, dict[str, Any]]


def _relationship_groups(check: _Checker) -> dict[tuple[str, str, str], list[EdgeItem]]:
    groups: dict[tuple[str, str, str], list[EdgeItem]] = defaultdict(list)
    # the adjacency dicts themselves: iterating the read-only views costs twice as much
    for source, neighbours in check.graph._succ.items():
        source_label, source_id = check.end(source)
        for target, keyed in neighbours.items():
            target_label, target_id = check.end(target)
            for key, data in keyed.items():
                rel = check.rel_type(data.get("label", key))
                check.properties(_Owner("relationship", source, rel, target), data, EDGE_META)
                groups[(source_label, rel, target_label)].append((source_id, target_id, data))
    return groups


def _node_rows(items: list[tuple[str, dict[str, Any]]]) -> Callable[[], list[Row]]:
    return lambda: [{"id": ident, "props": _props(data, NODE_META)} for ident, data in items]


def _relationship_rows(items: list[EdgeItem]) -> Callable[[], list[Row]]:
    return lambda: [
        {"source": source, "target": target, "props": _props(data, EDGE_META)}
        for source, target, data in items
    ]


def plan_batches(graph: nx.MultiDiGraph, batch_size: int) -> list[Batch]:
    """Every node and relationship of ``graph`` in write order, ``batch_size`` rows at a time.

    Raises :class:`SchemaViolation` for anything the schema does not allow, before any batch.
    """
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    check = _Checker(graph)
    batches: list[Batch] = []
    for label, nodes in sorted(_node_groups(check).items()):
        statement = statements.merge_nodes(label)
        for start in range(0, len(nodes), batch_size):
            chunk = nodes[start : start + batch_size]
            rows = _node_rows(chunk)
            batches.append(Batch("nodes", label, (label,), statement, len(chunk), rows))
    for (source, rel, target), edges in sorted(_relationship_groups(check).items()):
        statement = statements.merge_relationships(source, rel, target)
        group = f"({source})-[{rel}]->({target})"
        for start in range(0, len(edges), batch_size):
            chunk = edges[start : start + batch_size]
            batches.append(
                Batch(
                    "relationships",
                    group,
                    (source, rel, target),
                    statement,
                    len(chunk),
                    _relationship_rows(chunk),
                )
            )
    return batches
