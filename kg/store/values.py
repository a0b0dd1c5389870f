"""Database values (nodes, relationships, paths) as plain JSON-ready Python, the same shape for
every backend, so query output does not depend on where the graph lives. Each backend module
turns its driver's values into these shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def node_value(labels: list[str], properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"labels": sorted(labels), "properties": dict(properties)}


def relationship_value(rel_type: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": rel_type, "properties": dict(properties)}


def path_value(nodes: list[Any], relationships: list[Any]) -> dict[str, Any]:
    return {"nodes": nodes, "relationships": relationships}


def scalar(value: Any) -> Any:
    """A value that is no node, relationship, path, map or list: dates and times as ISO text,
    anything else unknown as its text."""
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
