"""GraphML that NetworkX, igraph, Neo4j (``apoc.import.graphml`` with ``readLabels: true``),
Gephi and Cytoscape all open with node labels and relationship types intact.

The file is what NetworkX's streaming writer (``nx.write_graphml_lxml``) writes with named key
ids, byte for byte, written by :mod:`kg.export.graphml_writer` in one pass over the graph:
every ``<key>`` has ``id`` equal to its ``attr.name``, so ``<data key="labels">`` and
``<data key="label">`` are what APOC looks for to set node labels and relationship types.

* List-valued properties (``aliases``, ``authors``, ``sources``) are written as JSON arrays
  inside a string, e.g. ``["ResNet50", "ResNet 50"]``; :func:`kg.graph.read_graphml` decodes
  them. ``None`` values are left out (GraphML has no null).
* Each edge's ``label`` is its first ``<data>``: APOC reads the relationship type from the
  first data element of an edge.
* A node's ``label`` is left out when its ``labels`` says the same (``label="Paper"``,
  ``labels=":Paper"``, as on every node kg builds), and :func:`kg.graph.read_graphml` puts it
  back. With named ids a node ``label`` key would be a second ``<key id="label">`` next to the
  edges' one, and GraphML wants key ids unique; it is also what Neo4j stores, where the label
  is a label, not a property. Another name used on both nodes and edges (never so in kg's
  schema) gets one key per scope under the same id, as NetworkX writes it: NetworkX, igraph
  and APOC read those per scope, where a single ``for="all"`` key would be lost on igraph.
* A name whose values have two types would need two keys of the same id, which no reader can
  tell apart: integers and floats under one name are all written as floats, any other mix is
  an :class:`~kg.errors.OutputError`.
* Characters XML 1.0 cannot hold at all (control characters other than tab, newline and
  carriage return; lone surrogates) are written as U+FFFD. Carriage returns are kept.

Values are encoded as the writer reads them, node by node: no copy of the graph is made.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from networkx.readwrite.graphml import GraphML  # type: ignore[import-untyped, unused-ignore]

from kg.errors import OutputError
from kg.export.graphml_writer import NOT_XML, write_encoded
from kg.export.registry import BinaryTarget, open_binary, register

_PLAIN = frozenset({int, float, bool})  # written as they are
_GRAPH_SETTINGS = frozenset({"id", "node_default", "edge_default"})  # NetworkX's, not data

_TYPES = GraphML()
_TYPES.construct_types()


def _text(value: str) -> str:
    return NOT_XML.sub("\ufffd", value) if NOT_XML.search(value) else value


def encode_value(value: Any) -> Any:
    """A property value as GraphML holds it: lists as JSON text, text made XML-safe."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, list | tuple):
        return _text(json.dumps(list(value), ensure_ascii=False))
    return value


def _xml_type(value: Any, cache: dict[type, str]) -> str:
    kind = type(value)
    if kind not in cache:
        probe = encode_value(value)
        try:
            cache[kind] = _TYPES.get_xml_type(type(probe))
        except TypeError:
            raise OutputError(
                f"GraphML cannot hold a {kind.__name__} property value ({value!r})"
            ) from None
    return cache[kind]


def _derived_label(data: dict[str, Any]) -> bool:
    """Whether a node's ``label`` is its ``labels`` without the colon (so need not be written)."""
    label = data.get("label")
    return isinstance(label, str) and data.get("labels") == f":{label}"


def _without_derived_label(data: dict[str, Any]) -> dict[str, Any]:
    if _derived_label(data):
        return {k: v for k, v in data.items() if k != "label"}
    return data


@dataclass(frozen=True)
class GraphMLKeys:
    """What a graph's GraphML declares before its nodes: the keys as (scope, name, XML type) in
    the order NetworkX's writer finds them, and the names whose integers are written as floats
    (integers and floats met under one name). Found in one pass by :func:`graphml_keys`, to be
    given to the writers of one graph (the GraphML file, the tables kept next to it)."""

    keys: tuple[tuple[str, str, str], ...]
    floated: frozenset[str]


def graphml_keys(graph: Any) -> GraphMLKeys:
    """The :class:`GraphMLKeys` of ``graph``; any name with values of two types other than
    integers and floats is an :class:`~kg.errors.OutputError`."""
    graph_data = {k: v for k, v in graph.graph.items() if k not in _GRAPH_SETTINGS}
    cache: dict[type, str] = {}
    found: dict[tuple[str, str], set[str]] = {}  # (scope, name) -> XML types, in order found
    seen: set[tuple[Any, ...]] = set()  # (scope, names, types) of the data dicts looked at

    def scan(scope: str, data: dict[str, Any]) -> None:
        shape = (scope, tuple(data), tuple(map(type, data.values())))
        if shape in seen:
            return
        seen.add(shape)
        for name, value in data.items():
            if value is not None:
                found.setdefault((scope, str(name)), set()).add(_xml_type(value, cache))

    scan("graph", graph_data)
    for _, data in graph.nodes(data=True):
        scan("node", _without_derived_label(data))
    for _, _, data in graph.edges(data=True):
        if data.get("label") is not None:  # the writer puts an edge's label first
            scan("edge", {"label": data["label"]})
        scan("edge", data)
    by_name: dict[str, set[str]] = {}
    for (_scope, name), types in found.items():
        by_name.setdefault(name, set()).update(types)
    floated = set()
    for name, types in by_name.items():
        if types == {"long", "double"}:
            floated.add(name)
        elif len(types) > 1:
            raise OutputError(
                f"GraphML needs one type per property name, but {name!r} has values of types "
                f"{', '.join(sorted(types))}"
            )
    keys = []
    for (scope, name), types in found.items():
        floats = name in floated and scope != "graph"  # the graph's values are written as they are
        keys.append((scope, name, "double" if floats else next(iter(types))))
    return GraphMLKeys(tuple(keys), frozenset(floated))


class _EncodedGraph:
    """What ``nx.write_graphml_lxml`` reads of a graph, each node's and edge's properties
    encoded as they are read."""

    def __init__(self, graph: nx.MultiDiGraph, floated: frozenset[str]) -> None:
        self._graph = graph
        self._floated = floated
        # a copy of the graph-level dict (NetworkX pops "id" from it), settings left as they are
        self.graph = {
            k: v if k in _GRAPH_SETTINGS else encode_value(v)
            for k, v in graph.graph.items()
            if v is not None
        }

    def is_directed(self) -> bool:
        return bool(self._graph.is_directed())

    def is_multigraph(self) -> bool:
        return bool(self._graph.is_multigraph())

    def _encoded(self, data: dict[str, Any], skip: str | None = None) -> dict[str, Any]:
        floated = self._floated
        return {
            k: float(v) if k in floated and type(v) is int else encode_value(v)
            for k, v in data.items()
            if v is not None and k != skip
        }

    def _edge(self, data: dict[str, Any]) -> dict[str, Any]:
        encoded = self._encoded(data)
        if "label" in encoded and next(iter(encoded)) != "label":
            encoded = {"label": encoded.pop("label"), **encoded}
        return encoded

    def nodes(self, data: bool = False) -> Iterator[tuple[Any, dict[str, Any]]]:
        for node, props in self._graph.nodes(data=True):
            yield node, self._encoded(props, "label" if _derived_label(props) else None)

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        if keys:
            for source, target, key, props in self._graph.edges(keys=True, data=True):
                yield source, target, key, self._edge(props)
        else:
            for source, target, props in self._graph.edges(data=True):
                yield source, target, self._edge(props)


@register(
    "graphml",
    extension=".graphml",
    description="GraphML with named keys, for Neo4j (apoc.import.graphml), igraph, Gephi",
    binary=True,
)
def write_graphml(
    graph: nx.MultiDiGraph, target: BinaryTarget, *, keys: GraphMLKeys | None = None
) -> None:
    """Write ``graph`` as GraphML to a path or an open binary file; ``keys``, when the caller
    has them from :func:`graphml_keys`, saves a pass over the graph."""
    keys = keys or graphml_keys(graph)
    view = _EncodedGraph(graph, keys.floated)
    if view.graph.get("node_default") or view.graph.get("edge_default"):
        plain_write_graphml(graph, target, keys=keys)  # defaults: never in a graph kg builds
        return
    with open_binary(target) as handle:
        write_encoded(
            handle,
            keys.keys,
            directed=view.is_directed(),
            graph_id=view.graph.get("id"),
            graph_data={k: v for k, v in view.graph.items() if k not in _GRAPH_SETTINGS},
            nodes=view.nodes(data=True),
            edges=view.edges(keys=view.is_multigraph(), data=True),
        )


def plain_write_graphml(
    graph: nx.MultiDiGraph, target: BinaryTarget, *, keys: GraphMLKeys | None = None
) -> None:
    """:func:`write_graphml` by NetworkX's own writer: the reference the fast one is checked
    against, and the writer of graphs with node or edge defaults."""
    view = _EncodedGraph(graph, (keys or graphml_keys(graph)).floated)
    with open_binary(target) as handle:
        nx.write_graphml_lxml(view, handle, named_key_ids=True)


def graphml_items(
    graph: nx.MultiDiGraph, *, keys: GraphMLKeys | None = None
) -> tuple[Iterator[tuple[str, dict[str, Any]]], Iterator[tuple[str, str, str, dict[str, Any]]]]:
    """The nodes and then the edges of ``graph`` as reading its GraphML gives them back
    (:func:`kg.graph.graphml.iter_graphml_nodes` / ``iter_graphml_edges``): values encoded as
    they are written, then decoded as they are read, without writing or parsing any XML."""
    from kg.graph.graphml import decoded_item

    view = _EncodedGraph(graph, (keys or graphml_keys(graph)).floated)
    nodes = ((str(node), decoded_item(data, node=True)) for node, data in view.nodes(data=True))
    edges = (
        (str(source), str(target), str(key), decoded_item(data, node=False))
        for source, target, key, data in view.edges(keys=True, data=True)
    )
    return nodes, edges
