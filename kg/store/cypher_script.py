"""A graph as a parameter-free Cypher script, and scripts split back into statements.

The script holds one ``MERGE`` statement per line, ending in ``;``: nodes first, merged by label
and ``id``, then relationships between nodes matched by ``id``. Running it again changes nothing.
Values are written as literals that Neo4j and FalkorDB both read back unchanged: strings in
double quotes with backslash, quote, newline, carriage return and tab escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from kg.store.errors import SchemaViolation
from kg.store.rows import plan_batches

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_ALL = 1 << 62  # one batch per group: the script is written row by row anyway


def literal(value: Any) -> str:
    """``value`` as a Cypher literal (strings, numbers, booleans and lists of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SchemaViolation(f"cannot write the number {value!r} as a Cypher literal")
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise SchemaViolation(f"cannot write a {type(value).__name__} as a Cypher literal")


def _sets(variable: str, properties: tuple[str, ...], values: tuple[Any, ...]) -> str:
    if not properties:
        return ""
    pairs = zip(properties, values, strict=True)
    return " SET " + ", ".join(f"{variable}.{k} = {literal(v)}" for k, v in pairs)


def script_lines(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The statements of the script, one per line (the schema is checked before the first)."""
    for batch in plan_batches(graph, _ALL):
        if batch.kind == "nodes":
            (label,) = batch.names
            for ident, *values in batch.rows:
                merge = f"MERGE (n:{label} {{id: {literal(ident)}}})"
                yield f"{merge}{_sets('n', batch.properties, tuple(values))};"
            continue
        source, rel, target = batch.names
        for source_id, target_id, *values in batch.rows:
            yield (
                f"MATCH (s:{source} {{id: {literal(source_id)}}}), "
                f"(t:{target} {{id: {literal(target_id)}}}) "
                f"MERGE (s)-[r:{rel}]->(t){_sets('r', batch.properties, tuple(values))};"
            )


def write_script(graph: nx.MultiDiGraph, handle: IO[str]) -> int:
    """Write the script of ``graph`` to ``handle``; returns the number of statements."""
    handle.write("// Knowledge graph as Cypher: MERGE statements, safe to run more than once.\n")
    count = 0
    for line in script_lines(graph):
        handle.write(line + "\n")
        count += 1
    return count


def split_statements(text: str) -> list[str]:
    """The statements of a script: split at ``;`` outside strings, names and ``//`` comments."""
    statements: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if quote is not None:
            current.append(char)
            if char == "\\" and quote != "`" and i + 1 < len(text):
                current.append(text[i + 1])
                i += 1
            elif char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
            current.append(char)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]
