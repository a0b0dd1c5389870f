"""What a graph may hold to be stored or exported: schema labels and relationship types, plain
property names, and property values checked a column at a time.

A stored value is a string, a finite number, a boolean, or a list of values of one such type.
Values are checked a column at a time: the types in a column are gathered in one C-level pass,
and only a column holding something unusual is looked at value by value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from itertools import chain
from operator import itemgetter
from typing import Any

from kg.errors import StoreError
from kg.schema import NodeLabel, RelType

Row = tuple[Any, ...]
Owner = Callable[[Row], str]

_PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SCALARS = (str, bool, int, float)
# exact types that need no further look (floats need a finiteness check, lists a look inside)
_PLAIN = frozenset({str, int, bool})
_LISTS = frozenset({list, tuple})
_NONE = type(None)


class SchemaViolation(StoreError):
    """A label, relationship type or property outside the graph schema.

    A :class:`~kg.errors.StoreError` (code E004) because a database refuses such a graph; the
    Cypher export refuses it for the same reason.
    """


def node_label(value: str) -> NodeLabel:
    """``value`` as a schema label, or a :class:`SchemaViolation`."""
    try:
        return NodeLabel(value)
    except ValueError:
        allowed = ", ".join(NodeLabel)
        raise SchemaViolation(f"unknown node label {value!r} (allowed: {allowed})") from None


def rel_type(value: str) -> RelType:
    """``value`` as a schema relationship type, or a :class:`SchemaViolation`."""
    try:
        return RelType(value)
    except ValueError:
        allowed = ", ".join(RelType)
        raise SchemaViolation(f"unknown relationship type {value!r} (allowed: {allowed})") from None


def property_name(value: str) -> str:
    """``value`` if it is a plain identifier (letters, digits, ``_``), else a violation."""
    if not isinstance(value, str) or not _PROPERTY_NAME.fullmatch(value):
        raise SchemaViolation(f"property name {value!r} is not a plain identifier")
    return value


def split_missing(
    properties: tuple[str, ...], rows: list[Row], first: int
) -> dict[tuple[str, ...], list[Row]]:
    """Rows by the properties they have a value for; ``None`` means no value, so setting it
    must leave what the database holds (a ``SET`` to null would remove it)."""
    gaps = [
        position
        for position in range(first, first + len(properties))
        if _NONE in set(map(type, map(itemgetter(position), rows)))
    ]
    if not gaps:
        return {properties: rows}
    parts: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        keep = [p for p in range(len(row)) if p < first or p not in gaps or row[p] is not None]
        names = tuple(properties[p - first] for p in keep[first:])
        parts.setdefault(names, []).append(tuple(row[p] for p in keep))
    return parts


def check_column(name: str, rows: list[Row], position: int, owner: Owner) -> None:
    """Raise :class:`SchemaViolation` unless every ``row[position]`` can be stored."""
    column = list(map(itemgetter(position), rows))
    kinds = set(map(type, column))
    if kinds <= _PLAIN:
        return
    if kinds == {float} and all(map(math.isfinite, column)):
        return
    if kinds <= _LISTS and _plain_lists(column):
        return
    for row, value in zip(rows, column, strict=True):
        check_value(owner(row), name, value)


def _plain_lists(lists: list[Any]) -> bool:
    """Whether every list holds finite values of one plain type, all lists the same type (a
    column mixing list types is then checked list by list)."""
    items = list(chain.from_iterable(lists))
    kinds = set(map(type, items))
    if len(kinds) > 1:
        return False
    return kinds <= _PLAIN or (kinds == {float} and all(map(math.isfinite, items)))


def check_value(owner: str, key: str, value: Any) -> None:
    """Raise :class:`SchemaViolation` unless ``value`` can be stored as property ``key``."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SchemaViolation(f"{owner}: property {key!r} is {value!r}, which cannot be stored")
        return
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, list | tuple) and all(isinstance(v, _SCALARS) for v in value):
        if len({type(v) for v in value}) > 1:
            raise SchemaViolation(f"{owner}: list property {key!r} mixes value types")
        if not all(math.isfinite(v) for v in value if isinstance(v, float)):
            raise SchemaViolation(f"{owner}: list property {key!r} holds a number it cannot store")
        return
    raise SchemaViolation(
        f"{owner}: property {key!r} has a {type(value).__name__}; only strings, numbers, "
        "booleans and lists of them can be stored"
    )
