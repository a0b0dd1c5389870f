"""A graph turned into batches of parameter rows, one fixed statement per batch.

Nodes are grouped by label and relationships by (source label, type, target label), so each
``UNWIND $rows`` statement names fixed labels and can use the ``id`` indexes. All nodes come
before all relationships, so both ends of every relationship exist when it is merged.
"""

from __future__ import annotations

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


def _check_value(owner: str, key: str, value: Any) -> Any:
    if not _PROPERTY_NAME.match(key):
        raise SchemaViolation(f"{owner}: property name {key!r} is not a plain identifier")
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


def _properties(owner: str, data: dict[str, Any], meta: frozenset[str]) -> Row:
    return {
        key: _check_value(owner, key, value)
        for key, value in data.items()
        if key not in meta and value is not None
    }


def _node_id(graph: nx.MultiDiGraph, node: str) -> str:
    ident = graph.nodes[node].get("id")
    if ident is None or ident == "":
        raise SchemaViolation(f"node {node!r} has no 'id' property")
    return str(ident)


def _node_label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(statements.node_label(str(graph.nodes[node].get("label"))))


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[Row]]:
    """Rows ``{id, props}`` per node label."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        label = _node_label(graph, node)
        props = _properties(f"node {node!r}", data, NODE_META)
        groups[label].append({"id": _node_id(graph, node), "props": props})
    return dict(groups)


def relationship_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[Row]]:
    """Rows ``{source, target, props}`` per (source label, type, target label)."""
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for source, target, key, data in graph.edges(keys=True, data=True):
        rel = str(statements.rel_type(str(data.get("label", key))))
        group = (_node_label(graph, source), rel, _node_label(graph, target))
        props = _properties(f"relationship {source!r}-[{rel}]->{target!r}", data, EDGE_META)
        groups[group].append(
            {"source": _node_id(graph, source), "target": _node_id(graph, target), "props": props}
        )
    return dict(groups)


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
