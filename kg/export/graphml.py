"""GraphML that NetworkX, igraph, Neo4j (``apoc.import.graphml`` with ``readLabels: true``),
Gephi and Cytoscape all open with node labels and relationship types intact.

The file is written by NetworkX's own streaming writer (``nx.write_graphml_lxml``) with named
key ids: every ``<key>`` has ``id`` equal to its ``attr.name``, so ``<data key="labels">`` and
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
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from networkx.readwrite.graphml import GraphML  # type: ignore[import-untyped, unused-ignore]

from kg.errors import OutputError
from kg.export.registry import BinaryTarget, open_binary, register

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_GRAPH_SETTINGS = frozenset({"id", "node_default", "edge_default"})  # NetworkX's, not data

_TYPES = GraphML()
_TYPES.construct_types()


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value) if _NOT_XML.search(value) else value


def encode_value(value: Any) -> Any:
    """A property value as GraphML holds it: lists as JSON text, text made XML-safe."""
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


def _floated_names(graph: nx.MultiDiGraph) -> frozenset[str]:
    """The property names to write as floats (integers and floats met under one name); any
    other name with values of two types is an error. One pass, before anything is written."""
    graph_data = {k: v for k, v in graph.graph.items() if k not in _GRAPH_SETTINGS}
    scoped: Iterable[dict[str, Any]] = chain(
        [graph_data],
        (_without_derived_label(d) for _, d in graph.nodes(data=True)),
        (d for _, _, d in graph.edges(data=True)),
    )
    cache: dict[type, str] = {}
    types: dict[str, set[str]] = {}
    for data in scoped:
        for name, value in data.items():
            if value is not None:
                types.setdefault(str(name), set()).add(_xml_type(value, cache))
    floated = set()
    for name, found in types.items():
        if found == {"long", "double"}:
            floated.add(name)
        elif len(found) > 1:
            raise OutputError(
                f"GraphML needs one type per property name, but {name!r} has values of types "
                f"{', '.join(sorted(found))}"
            )
    return frozenset(floated)


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
def write_graphml(graph: nx.MultiDiGraph, target: BinaryTarget) -> None:
    """Write ``graph`` as GraphML to a path or an open binary file."""
    view = _EncodedGraph(graph, _floated_names(graph))
    with open_binary(target) as handle:
        nx.write_graphml_lxml(view, handle, named_key_ids=True)


def graphml_items(
    graph: nx.MultiDiGraph,
) -> tuple[Iterator[tuple[str, dict[str, Any]]], Iterator[tuple[str, str, str, dict[str, Any]]]]:
    """The nodes and then the edges of ``graph`` as reading its GraphML gives them back
    (:func:`kg.graph.graphml.iter_graphml_nodes` / ``iter_graphml_edges``): values encoded as
    they are written, then decoded as they are read, without writing or parsing any XML."""
    from kg.graph.graphml import decoded_item

    view = _EncodedGraph(graph, _floated_names(graph))
    nodes = ((str(node), decoded_item(data, node=True)) for node, data in view.nodes(data=True))
    edges = (
        (str(source), str(target), str(key), decoded_item(data, node=False))
        for source, target, key, data in view.edges(keys=True, data=True)
    )
    return nodes, edges
