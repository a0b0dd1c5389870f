"""The graph schema: the one place that knows every node label and relationship type.

Its facts live in ``kg/data/schema.json``: per label the graph-key namespace, the properties
and their types, the relationship type per extraction role, the key of the label's list in a
``kg extract`` record, the Browser style and caption, and the stats section. Graph building,
resolution, the extraction record, stats, the loader, ``kg.grass`` and ``kg schema`` all read
it, so a new label is a data entry (plus its extraction rules and tests), not a code hunt.

Labels and types are never renamed, only added. The enums below spell them for the type
checker; :func:`schema` checks that they and the data file agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property
from typing import Any, Literal, get_args

from kg.errors import ConfigError
from kg.resources import data_file


class NodeLabel(StrEnum):
    """Node labels of the graph schema."""

    PAPER = "Paper"
    METHOD = "Method"
    DATASET = "Dataset"
    REPOSITORY = "Repository"
    TASK = "Task"
    METRIC = "Metric"
    RESULT = "Result"


class RelType(StrEnum):
    """Relationship types of the graph schema."""

    PROPOSES = "PROPOSES"
    USES = "USES"
    EVALUATES_ON = "EVALUATES_ON"
    HAS_CODE = "HAS_CODE"
    ADDRESSES = "ADDRESSES"
    MEASURES = "MEASURES"
    REPORTS = "REPORTS"
    ON = "ON"
    IN_TERMS_OF = "IN_TERMS_OF"
    FOR = "FOR"
    OF = "OF"


EntityLabel = Literal["Method", "Dataset", "Repository", "Task", "Metric"]
"""The labels extraction finds and links to a paper by a role (every node label but ``Paper``
and ``Result``, a stated value that links to the paper and to the entities it is about)."""

Role = Literal["proposed", "used"]
"""What a paper does with an entity it mentions; each label maps roles to relationship types."""

PropertyType = Literal["string", "string[]", "integer", "float", "boolean"]
PROPERTY_TYPES: frozenset[str] = frozenset(get_args(PropertyType))


@dataclass(frozen=True)
class LabelSpec:
    """What the schema says about one node label."""

    label: NodeLabel
    namespace: str
    properties: dict[str, PropertyType]
    display: tuple[str, ...]  # properties tried in order for a human-readable name
    style: dict[str, str]
    extraction_key: str | None = None  # the list of a ``kg extract`` record holding this label
    roles: dict[Role, RelType] | None = None
    stats_title: str | None = None
    # the record also lists each other way the paper writes a finding ("NLU" beside "natural
    # language understanding") as an item of its own, marked ``alias_of``
    lists_written_forms: bool = False

    @cached_property  # asked once per node or edge written or read
    def list_properties(self) -> frozenset[str]:
        return frozenset(k for k, v in self.properties.items() if v.endswith("[]"))

    def display_name(self, properties: dict[str, Any]) -> str:
        """The first present display property of a node (its name, title or url)."""
        for name in self.display:
            value = properties.get(name)
            if value:
                return str(value)
        return ""


@dataclass(frozen=True)
class RelSpec:
    """What the schema says about one relationship type."""

    type: RelType
    source: NodeLabel
    target: NodeLabel
    meaning: str
    properties: dict[str, PropertyType]
    style: dict[str, str]


@dataclass(frozen=True)
class Schema:
    labels: dict[NodeLabel, LabelSpec]
    relationships: dict[RelType, RelSpec]
    browser_defaults: dict[str, dict[str, str]]

    def label(self, label: str) -> LabelSpec:
        # a StrEnum key is found by its plain string (same hash, equal): no enum made per call,
        # which the writers of a big graph would do for every row; an unknown label is the
        # enum's ValueError
        spec = self.labels.get(label)  # type: ignore[call-overload]
        return spec if spec is not None else self.labels[NodeLabel(label)]

    def relationship(self, rel_type: str) -> RelSpec:
        spec = self.relationships.get(rel_type)  # type: ignore[call-overload]
        return spec if spec is not None else self.relationships[RelType(rel_type)]

    @property
    def entity_labels(self) -> list[LabelSpec]:
        """The labels extraction finds, in schema order."""
        return [spec for spec in self.labels.values() if spec.roles]

    @cached_property
    def list_properties(self) -> frozenset[str]:
        """Every list-valued property of any label (GraphML stores them as JSON text)."""
        return frozenset().union(*(spec.list_properties for spec in self.labels.values()))

    def relation_type(self, label: str, role: Role) -> RelType:
        """The relationship from a paper to an entity of ``label`` found in ``role``."""
        roles = self.label(label).roles or {}
        if role in roles:
            return roles[role]
        return roles["used"]


def _properties(where: str, raw: dict[str, str]) -> dict[str, PropertyType]:
    for name, kind in raw.items():
        if kind not in PROPERTY_TYPES:
            raise ConfigError(f"schema: {where}.{name} has unknown type {kind!r}")
    return dict(raw)  # type: ignore[arg-type]  # checked against PROPERTY_TYPES above


@cache
def schema() -> Schema:
    """The schema of ``kg/data/schema.json``, checked against the enums."""
    data = data_file("schema.json")
    if set(data["nodes"]) != {str(label) for label in NodeLabel}:
        raise ConfigError("schema: node labels in schema.json differ from kg.schema.NodeLabel")
    if set(data["relationships"]) != {str(rel) for rel in RelType}:
        raise ConfigError("schema: relationship types in schema.json differ from RelType")
    entity_labels = set(get_args(EntityLabel))
    labels: dict[NodeLabel, LabelSpec] = {}
    for name, raw in data["nodes"].items():
        roles = raw.get("roles")
        if (roles is not None) != (name in entity_labels):
            raise ConfigError(f"schema: {name} must have roles exactly when it is an EntityLabel")
        labels[NodeLabel(name)] = LabelSpec(
            label=NodeLabel(name),
            namespace=raw["namespace"],
            properties=_properties(name, raw["properties"]),
            display=tuple(raw["display"]),
            style=dict(raw["style"]),
            extraction_key=raw.get("extraction_key"),
            roles={role: RelType(rel) for role, rel in roles.items()} if roles else None,
            stats_title=raw.get("stats_title"),
            lists_written_forms=bool(raw.get("lists_written_forms", False)),
        )
    relationships = {
        RelType(name): RelSpec(
            type=RelType(name),
            source=NodeLabel(raw["source"]),
            target=NodeLabel(raw["target"]),
            meaning=raw["meaning"],
            properties=_properties(name, raw["properties"]),
            style=dict(raw["style"]),
        )
        for name, raw in data["relationships"].items()
    }
    return Schema(labels, relationships, dict(data["browser_defaults"]))


def entity_label(value: object) -> EntityLabel:
    """``value`` as an :data:`EntityLabel`; anything else is a ``ValueError`` naming them."""
    for label in get_args(EntityLabel):
        if value == label:
            return label  # type: ignore[no-any-return]  # one of the literal's own values
    raise ValueError(f"{value!r} is not one of {', '.join(get_args(EntityLabel))}")


def node_key(label: str, ident: str) -> str:
    """The graph key of a node: its label's namespace and its id (``paper:2401.00001``)."""
    return f"{schema().label(label).namespace}:{ident}"


def relation_type(label: str, role: Role) -> RelType:
    """The relationship type from a paper to an entity of ``label`` found in ``role``."""
    return schema().relation_type(label, role)


def _style_block(selector: str, style: dict[str, str], caption: str | None = None) -> list[str]:
    lines = [f"{selector} {{"]
    for key, value in style.items():
        if key == "caption":
            shown = caption if caption is not None else value
            lines.append(f'  caption: "{shown}";')
        else:
            lines.append(f"  {key}: {value};")
    lines.append("}")
    return lines


def grass() -> str:
    """The Neo4j Browser style sheet (``kg/data/neo4j/kg.grass``) the schema implies."""
    spec = schema()
    lines = _style_block("node", spec.browser_defaults["node"])
    lines += _style_block("relationship", spec.browser_defaults["relationship"])
    for label in spec.labels.values():
        caption = "{" + label.style["caption"] + "}"
        lines += _style_block(f"node.{label.label}", label.style, caption)
    for rel in spec.relationships.values():
        lines += _style_block(f"relationship.{rel.type}", rel.style)
    return "\n".join(lines) + "\n"
