"""GraphML files that NetworkX, Neo4j (``apoc.import.graphml`` with ``readLabels``), Gephi and
Cytoscape all open with node labels and relationship types intact.

GraphML only holds scalars, so list-valued properties (``aliases``, ``authors``, ``sources``)
are written as JSON arrays inside a string, e.g. ``["ResNet50", "ResNet 50"]``, and decoded back
by :func:`read_graphml`. The set of such properties is :data:`LIST_PROPERTIES`.

XML readers turn a carriage return inside text into a newline; ingest already unifies line
endings to ``\n``, so text read from any input round-trips unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, tostring

import networkx as nx
from networkx.readwrite.graphml import GraphML

LIST_PROPERTIES: frozenset[str] = frozenset({"aliases", "authors", "sources"})


def _encode(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _encoded(v) for k, v in props.items()}


def _encoded(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | tuple) else value


def _decode(props: dict[str, Any]) -> dict[str, Any]:
    out = dict(props)
    for key in LIST_PROPERTIES & out.keys():
        value = out[key]
        if isinstance(value, str):
            out[key] = json.loads(value)
    return out


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` to ``path`` with list properties JSON-encoded.

    The file is the one ``nx.write_graphml`` writes, byte for byte, but it is streamed node by
    node: NetworkX would first build the whole document as an XML tree, several times the
    graph's own size.
    """
    if _DEFAULTS_AND_ID & graph.graph.keys():  # never so in kg's graphs: NetworkX writes it
        nx.write_graphml(_encoded_copy(graph), str(path), encoding="utf-8")
        return
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace") as out:
        for chunk in graphml_chunks(graph):
            out.write(chunk)


def _encoded_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    encoded = nx.MultiDiGraph()
    encoded.graph.update(_encode(graph.graph))
    for node, data in graph.nodes(data=True):
        encoded.add_node(node, **_encode(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        encoded.add_edge(source, target, key=key, **_encode(data))
    return encoded


_TYPES = GraphML()
_TYPES.construct_types()
_INDENT = "\n    "  # before each child of <graph>


def graphml_chunks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The GraphML text of ``graph`` (with no graph id or defaults) in pieces, laid out as
    NetworkX's pretty-printing writer does."""
    graph_data = dict(graph.graph)
    keys = _keys(graph, graph_data)
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (
        f'<graphml xmlns="{GraphML.NS_GRAPHML}" xmlns:xsi="{GraphML.NS_XSI}" '
        f'xsi:schemaLocation="{GraphML.SCHEMALOCATION}">'
    )
    for (name, xml_type, scope), ident in reversed(keys.items()):  # NetworkX puts new keys first
        key = Element("key", {"id": ident, "for": scope, "attr.name": name, "attr.type": xml_type})
        yield "\n  " + tostring(key, encoding="unicode")
    if graph.number_of_nodes() == 0 and not graph_data:
        yield '\n  <graph edgedefault="directed" />\n</graphml>\n'
        return
    yield '\n  <graph edgedefault="directed">'
    for node, data in graph.nodes(data=True):
        yield _INDENT + _element("node", {"id": str(node)}, data, keys)
    for source, target, key, data in graph.edges(keys=True, data=True):
        attrib = {"source": str(source), "target": str(target), "id": str(key)}
        yield _INDENT + _element("edge", attrib, data, keys)
    for name, value in graph_data.items():  # NetworkX adds graph data after the edges
        yield _INDENT + tostring(_data(name, value, "graph", keys), encoding="unicode")
    yield "\n  </graph>\n</graphml>\n"


_DEFAULTS_AND_ID = frozenset({"node_default", "edge_default", "id"})
_Keys = dict[tuple[str, str, str], str]


def _xml_type(value: Any) -> str:
    return _TYPES.get_xml_type(type(value))


def _keys(graph: nx.MultiDiGraph, graph_data: dict[str, Any]) -> _Keys:
    """Key ids in the order NetworkX makes them: graph data, then nodes, then edges."""
    keys: _Keys = {}
    scoped = chain(
        [("graph", graph_data)],
        (("node", d) for _, d in graph.nodes(data=True)),
        (("edge", d) for _, _, d in graph.edges(data=True)),
    )
    for scope, data in scoped:
        for name, value in data.items():
            keys.setdefault((str(name), _xml_type(_encoded(value)), scope), f"d{len(keys)}")
    return keys


def _data(name: str, value: Any, scope: str, keys: _Keys) -> Element:
    value = _encoded(value)
    element = Element("data", key=keys[(str(name), _xml_type(value), scope)])
    element.text = str(value)
    return element


def _element(tag: str, attrib: dict[str, str], data: dict[str, Any], keys: _Keys) -> str:
    """One node or edge with its data, indented as a child of <graph>."""
    element = Element(tag, attrib)
    element.extend(_data(name, value, tag, keys) for name, value in data.items())
    if len(element):
        element.text = _INDENT + "  "
        for child in element:
            child.tail = _INDENT + "  "
        element[-1].tail = _INDENT
    return tostring(element, encoding="unicode")


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml` back into the in-memory form."""
    raw = nx.read_graphml(str(path), force_multigraph=True)
    graph = nx.MultiDiGraph()
    graph.graph.update(raw.graph)
    for node, data in raw.nodes(data=True):
        graph.add_node(node, **_decode(data))
    for source, target, key, data in raw.edges(keys=True, data=True):
        graph.add_edge(source, target, key=key, **_decode(data))
    return graph
