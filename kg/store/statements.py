"""The Cypher statements every backend runs, built from the templates in ``kg/data/cypher``.

Values always travel as parameters. Labels, relationship types and property names cannot be
parameters in Cypher, so they are spliced into ``{{placeholders}}`` — but only after checking them
(:mod:`kg.graph.columns`): labels and types against the schema's fixed sets
(:class:`~kg.schema.NodeLabel`, :class:`~kg.schema.RelType`), property names against the plain
identifier pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from kg.graph.columns import node_label, property_name, rel_type

if TYPE_CHECKING:  # planning tables needs NetworkX, which kg query does without
    from kg.graph.tables import TableShape

__all__ = [
    "falkordb_index",
    "merge_nodes",
    "merge_relationships",
    "merge_table",
    "neo4j_constraint",
    "node_label",
    "property_name",
    "rel_type",
    "render",
    "template",
]

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@cache
def template(name: str) -> str:
    """The text of ``kg/data/cypher/<name>.cypher``."""
    return files("kg").joinpath("data", "cypher", f"{name}.cypher").read_text("utf-8")


def _assignments(variable: str, properties: Sequence[str], first: int) -> str:
    """``SET`` of each property from its position in the row (nothing when there are none)."""
    if not properties:
        return ""
    return "SET " + ", ".join(
        f"{variable}.{property_name(name)} = row[{position}]"
        for position, name in enumerate(properties, first)
    )


def render(template_name: str, /, **names: str) -> str:
    """Fill the placeholders of a template with already validated names."""

    def fill(match: re.Match[str]) -> str:
        return names[match.group(1)]

    return _PLACEHOLDER.sub(fill, template(template_name))


def merge_nodes(label: str, properties: Sequence[str] = ()) -> str:
    """Merge rows ``[id, value, ...]``, the values being ``properties`` in that order."""
    return render("merge_nodes", label=str(node_label(label)), set=_assignments("n", properties, 1))


def merge_relationships(
    source_label: str, type_: str, target_label: str, properties: Sequence[str] = ()
) -> str:
    """Merge rows ``[source id, target id, value, ...]``, the values being ``properties``."""
    return render(
        "merge_relationships",
        source_label=str(node_label(source_label)),
        type=str(rel_type(type_)),
        target_label=str(node_label(target_label)),
        set=_assignments("r", properties, 2),
    )


def merge_table(table: TableShape) -> str:
    """The statement that merges the rows of ``table``, passed as ``$rows``."""
    if table.kind == "nodes":
        return merge_nodes(table.names[0], table.properties)
    source, rel, target = table.names
    return merge_relationships(source, rel, target, table.properties)


def falkordb_index(label: str) -> str:
    return render("falkordb_index", label=str(node_label(label)))


def neo4j_constraint(label: str) -> str:
    checked = node_label(label)
    return render("neo4j_constraint", name=f"{checked.lower()}_id_unique", label=str(checked))
