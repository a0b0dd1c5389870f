"""Query parameters in FalkorDB's form: a ``CYPHER name=<literal> ...`` header before the query.

FalkorDB takes parameters as Cypher literals in front of the query text. This encoder covers the
values a graph of this project holds (strings, numbers, booleans, lists, maps, null) and is
quicker than a general one. The rows of a load, already checked to hold only strings, finite
numbers, booleans and lists of them, take a faster road still: :func:`rows_literal`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from kg.store.errors import SchemaViolation


def _string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_KEYS: dict[Any, str] = {}


def _key(name: Any) -> str:
    """A map key in backticks (memoised: rows repeat the same few keys)."""
    quoted = _KEYS.get(name)
    if quoted is None:
        text = str(name)
        if not text or "`" in text:
            raise SchemaViolation(f"cannot use {text!r} as a map key in FalkorDB")
        quoted = _KEYS[name] = f"`{text}`:"
    return quoted


def literal(value: Any) -> str:
    """``value`` as a Cypher literal that FalkorDB reads back unchanged."""
    kind = type(value)
    # exact types first: this runs once per value of every row of a load
    if kind is str:
        return _string(value)
    if kind is dict:
        return "{" + ",".join([_key(k) + literal(v) for k, v in value.items()]) + "}"
    if kind is list:
        return "[" + ",".join([literal(v) for v in value]) + "]"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        if not math.isfinite(value):
            raise SchemaViolation(f"cannot store the number {value!r}")
        return repr(value)
    if value is None:
        return "null"
    return _subclass_literal(value)


def _subclass_literal(value: Any) -> str:
    if isinstance(value, bool):
        return literal(bool(value))
    if isinstance(value, str):
        return _string(str(value))
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return literal(float(value))
    if isinstance(value, Mapping):
        return literal({str(k): v for k, v in value.items()})
    if isinstance(value, list | tuple):
        return literal(list(value))
    raise SchemaViolation(f"cannot pass a {type(value).__name__} as a query parameter")


# JSON of lists, strings, numbers and booleans is also a Cypher literal, and the C encoder is
# several times quicker than building the text in Python.
_JSON = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, check_circular=False, separators=(",", ":")
)


def rows_literal(rows: list[tuple[Any, ...]]) -> str:
    r"""Checked load rows as a list literal.

    JSON and FalkorDB read the escapes ``\"``, ``\\``, ``\n``, ``\r``, ``\t``, ``\b`` and ``\f``
    alike, but FalkorDB does not read ``\uXXXX``, which JSON writes for other control characters.
    Text containing it (or a backslash before a ``u``) takes the general encoder.
    """
    text = _JSON.encode(rows)
    if "\\u" in text:
        return literal(rows)
    return text


def with_parameters(statement: str, params: dict[str, Any] | None) -> str:
    """The query text FalkorDB receives: the parameter header, then ``statement``."""
    if not params:
        return statement
    header = " ".join(f"{name}={literal(value)}" for name, value in params.items())
    return f"CYPHER {header} {statement}"
