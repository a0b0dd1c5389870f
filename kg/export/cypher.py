"""A graph as a parameter-free Cypher script.

The script holds one ``MERGE`` statement per line, ending in ``;``: nodes first, merged by label
and ``id``, then relationships between nodes matched by ``id``, in the row tables the loader
uses too (:func:`kg.graph.tables.graph_tables`). Running it again changes nothing. Values are
written as literals that Neo4j and FalkorDB both read back unchanged: strings in double quotes
with backslash, quote, newline, carriage return and tab escaped. ``kg query --write --file``
splits a script back into statements (:func:`kg.cli.query_file.split_statements`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.graph.tables import SchemaViolation, graph_tables

__all__ = ["literal", "script_lines", "write_script"]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


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
    for table in graph_tables(graph):
        if table.kind == "nodes":
            (label,) = table.names
            for ident, *values in table.rows:
                merge = f"MERGE (n:{label} {{id: {literal(ident)}}})"
                yield f"{merge}{_sets('n', table.properties, tuple(values))};"
            continue
        source, rel, target = table.names
        for source_id, target_id, *values in table.rows:
            yield (
                f"MATCH (s:{source} {{id: {literal(source_id)}}}), "
                f"(t:{target} {{id: {literal(target_id)}}}) "
                f"MERGE (s)-[r:{rel}]->(t){_sets('r', table.properties, tuple(values))};"
            )


def write_script(graph: nx.MultiDiGraph, handle: IO[str]) -> int:
    """Write the script of ``graph`` to ``handle``; returns the number of statements."""
    handle.write("// Knowledge graph as Cypher: MERGE statements, safe to run more than once.\n")
    count = 0
    for line in script_lines(graph):
        handle.write(line + "\n")
        count += 1
    return count
