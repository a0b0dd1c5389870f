"""Database values (nodes, relationships, paths) as plain JSON-ready Python, the same shape for
every backend, so query output does not depend on where the graph lives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import falkordb
import neo4j.graph


def node_value(labels: list[str], properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"labels": sorted(labels), "properties": dict(properties)}


def relationship_value(rel_type: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": rel_type, "properties": dict(properties)}


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def from_falkordb(value: Any) -> Any:
    if isinstance(value, falkordb.Node):
        return node_value(
            value.labels or [], {k: from_falkordb(v) for k, v in value.properties.items()}
        )
    if isinstance(value, falkordb.Edge):
        return relationship_value(
            value.relation or "", {k: from_falkordb(v) for k, v in value.properties.items()}
        )
    if isinstance(value, falkordb.Path):
        return {
            "nodes": [from_falkordb(n) for n in value.nodes()],
            "relationships": [from_falkordb(e) for e in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(k): from_falkordb(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [from_falkordb(v) for v in value]
    return _scalar(value)


def from_neo4j(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        return node_value(list(value.labels), {k: from_neo4j(v) for k, v in value.items()})
    if isinstance(value, neo4j.graph.Relationship):
        return relationship_value(value.type, {k: from_neo4j(v) for k, v in value.items()})
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [from_neo4j(n) for n in value.nodes],
            "relationships": [from_neo4j(r) for r in value.relationships],
        }
    if isinstance(value, Mapping):
        return {str(k): from_neo4j(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [from_neo4j(v) for v in value]
    return _scalar(value)
