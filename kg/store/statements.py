"""The Cypher statements every backend runs, built from the templates in ``kg/data/cypher``.

Values always travel as parameters. Labels, relationship types and property names cannot be
parameters in Cypher, so they are spliced into ``{{placeholders}}`` — but only after checking them:
labels and types against the schema's fixed sets (:class:`~kg.models.NodeLabel`,
:class:`~kg.models.RelType`), property names against the plain identifier pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from kg.models import NodeLabel, RelType
from kg.store.errors import SchemaViolation

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@cache
def template(name: str) -> str:
    """The text of ``kg/data/cypher/<name>.cypher``."""
    return files("kg").joinpath("data", "cypher", f"{name}.cypher").read_text("utf-8")


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


def falkordb_index(label: str) -> str:
    return render("falkordb_index", label=str(node_label(label)))


def neo4j_constraint(label: str) -> str:
    checked = node_label(label)
    return render("neo4j_constraint", name=f"{checked.lower()}_id_unique", label=str(checked))
