"""What the explorer draws: the graph (or the part of it that fits) as one JSON document, with
the colours, sizes and captions of the schema's Browser style.

Above ``max_nodes`` the most-linked nodes are kept (a start node, when given, always is) and the
document says how many nodes and relationships of each kind were left out. A start node
(``--paper/--method/--dataset NAME --hops K``) limits the view to its neighbourhood first.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.errors import InputError
from kg.schema import NodeLabel, schema

DEFAULT_MAX_NODES = 5000
DEFAULT_HOPS = 1

_HIDDEN_PROPERTIES = frozenset({"label", "labels"})


@dataclass(frozen=True)
class Start:
    """A node to start from: its label, a name (title, name, alias, url or id) and the hops."""

    label: NodeLabel
    name: str
    hops: int = DEFAULT_HOPS


def _px(value: str | None, default: float) -> float:
    if not value:
        return default
    try:
        return float(value.removesuffix("px"))
    except ValueError:
        return default


def _names(data: dict[str, Any]) -> list[str]:
    """Everything a node can be found by: its display properties, name, aliases and id."""
    names: list[str] = []
    for key in ("title", "name", "url", "id"):
        value = data.get(key)
        if isinstance(value, str) and value:
            names.append(value)
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        names.extend(str(a) for a in aliases if a)
    return names


def find_node(graph: nx.MultiDiGraph, label: str, name: str) -> str:
    """The key of the node of ``label`` named ``name`` (case-insensitive; exact beats prefix)."""
    wanted = name.casefold().strip()
    prefix: list[tuple[int, str]] = []
    for key, data in graph.nodes(data=True):
        if data.get("label") != label:
            continue
        names = [n.casefold() for n in _names(data)]
        if wanted in names:
            return str(key)
        if any(n.startswith(wanted) for n in names):
            prefix.append((-graph.degree(key), str(key)))
    if prefix:
        return min(prefix)[1]
    raise InputError(f"no {label} named {name!r} in the graph")


def neighbourhood(graph: nx.MultiDiGraph, key: str, hops: int) -> set[str]:
    """The nodes at most ``hops`` relationships away from ``key``, either direction."""
    seen = {key}
    frontier = {key}
    for _ in range(max(hops, 0)):
        nxt: set[str] = set()
        for node in frontier:
            nxt.update(graph.successors(node))
            nxt.update(graph.predecessors(node))
        frontier = nxt - seen
        seen |= frontier
    return seen


def select(
    graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES, start: Start | None = None
) -> tuple[nx.MultiDiGraph, str | None]:
    """The subgraph to draw and the key of the start node (if any)."""
    if max_nodes < 1:
        raise InputError("--max-nodes must be at least 1")
    keep: set[str] = set(graph.nodes)
    start_key = None
    if start is not None:
        start_key = find_node(graph, start.label, start.name)
        keep = neighbourhood(graph, start_key, start.hops)
    if len(keep) > max_nodes:
        ranked = sorted(keep, key=lambda n: (n != start_key, -graph.degree(n), str(n)))
        keep = set(ranked[:max_nodes])
    return graph.subgraph(keep), start_key


def _style(label: str) -> dict[str, Any]:
    spec = schema()
    defaults = spec.browser_defaults["node"]
    style = {**defaults, **spec.label(label).style}
    return {
        "name": label,
        "color": style["color"],
        "border": style["border-color"],
        "text": style.get("text-color-internal", "#FFFFFF"),
        "caption": spec.label(label).style["caption"],
        "display": list(spec.label(label).display),
        "diameter": _px(style.get("diameter"), 50.0),
    }


def _rel_style(rel_type: str) -> dict[str, Any]:
    spec = schema()
    style = {**spec.browser_defaults["relationship"], **spec.relationship(rel_type).style}
    return {
        "name": rel_type,
        "color": style["color"],
        "width": _px(style.get("shaft-width"), 1.0),
        "meaning": spec.relationship(rel_type).meaning,
    }


def _caption(data: dict[str, Any], label: str) -> str:
    spec = schema().label(label)
    value = data.get(spec.style["caption"])
    return str(value) if value else spec.display_name(data)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def payload(
    graph: nx.MultiDiGraph,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    start: Start | None = None,
    title: str = "kg graph",
    source: str = "",
) -> dict[str, Any]:
    """The JSON document the page reads (plain lists and dicts, ready for ``json.dumps``)."""
    spec = schema()
    known = {str(label) for label in spec.labels}
    unknown = {d.get("label") for _, d in graph.nodes(data=True)} - known
    if unknown:
        raise InputError(f"the graph has nodes outside the schema: {sorted(map(str, unknown))}")
    shown, start_key = select(graph, max_nodes, start)
    labels = [str(label) for label in spec.labels]
    types = [str(rel) for rel in spec.relationships]
    index: dict[str, int] = {}
    nodes: list[dict[str, Any]] = []
    for key, data in sorted(shown.nodes(data=True), key=lambda item: str(item[0])):
        label = str(data["label"])
        index[str(key)] = len(nodes)
        props = {k: v for k, v in data.items() if k not in _HIDDEN_PROPERTIES and v is not None}
        nodes.append(
            {
                "key": str(key),
                "label": labels.index(label),
                "caption": _caption(data, label),
                "degree": int(graph.degree(key)),
                "props": props,
            }
        )
    edges: list[dict[str, Any]] = []
    for source_key, target_key, rel_key, data in sorted(
        shown.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    ):
        rel_type = str(data.get("label") or rel_key)
        if rel_type not in types:
            raise InputError(f"the graph has a relationship outside the schema: {rel_type}")
        edge: dict[str, Any] = {
            "s": index[str(source_key)],
            "t": index[str(target_key)],
            "type": types.index(rel_type),
        }
        confidence = _number(data.get("confidence"))
        if confidence is not None:
            edge["confidence"] = confidence
        for name in ("evidence", "rule", "introduced"):
            if data.get(name) is not None:
                edge[name] = data[name]
        edges.append(edge)
    left_nodes = Counter(str(d["label"]) for n, d in graph.nodes(data=True) if n not in shown.nodes)
    left_edges = graph.number_of_edges() - shown.number_of_edges()
    return {
        "title": title,
        "source": source,
        "labels": [_style(label) for label in labels],
        "types": [_rel_style(rel) for rel in types],
        "nodes": nodes,
        "edges": edges,
        "start": index.get(start_key) if start_key is not None else None,
        "startHops": start.hops if start is not None else None,
        "total": {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()},
        "omitted": {
            "nodes": sum(left_nodes.values()),
            "relationships": left_edges,
            "byLabel": dict(sorted(left_nodes.items())),
            "maxNodes": max_nodes,
        },
    }
