"""Reading GraphML files back into the graph (the writer is :mod:`kg.export.graphml`).

GraphML only holds scalars, so list-valued properties (the schema's ``list_properties``:
``aliases``, ``authors``, ``sources``) are written as JSON arrays inside a string, e.g.
``["ResNet50", "ResNet 50"]``; :func:`read_graphml` decodes them back into lists. A node's
``label`` is not written when its ``labels`` (``":Paper"``) says it; it is read back from there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.errors import InputError
from kg.schema import schema

if TYPE_CHECKING:
    from kg.export.graphml import GraphMLKeys

GRAPHML_NAME = "graph.graphml"
"""The GraphML file of a ``kg build`` out dir."""


def _decoded(props: dict[str, Any], lists: frozenset[str]) -> dict[str, Any]:
    out = dict(props)
    for name in lists & out.keys():
        value = out[name]
        if isinstance(value, str) and value.startswith("["):
            try:
                decoded = json.loads(value)
            except ValueError:
                continue  # not written by kg: kept as the text it is
            if isinstance(decoded, list):
                out[name] = decoded
    return out


def _with_label(props: dict[str, Any]) -> dict[str, Any]:
    """A node's ``label`` from its ``labels`` (``":Paper"`` -> ``"Paper"``) when not written."""
    labels = props.get("labels")
    if "label" in props or not isinstance(labels, str) or not labels.startswith(":"):
        return props
    return {"label": labels.split(":")[1], **props}


def decoded_item(props: dict[str, Any], *, node: bool) -> dict[str, Any]:
    """A node's or edge's properties as written (lists as JSON text, a node's label left out
    when its labels say it) decoded as this module reads them."""
    decoded = _decoded(props, schema().list_properties)
    return _with_label(decoded) if node else decoded


def read_graphml(source: str | os.PathLike[str] | IO[bytes]) -> nx.MultiDiGraph:
    """Read a GraphML file (a path or an open binary file) into the in-memory form: node keys
    and edge keys as written, list properties decoded."""
    raw = nx.read_graphml(source, force_multigraph=True)
    lists = schema().list_properties
    graph = nx.MultiDiGraph()
    graph.graph.update(raw.graph)
    for node, data in raw.nodes(data=True):
        graph.add_node(node, **_with_label(_decoded(data, lists)))
    for source_key, target_key, key, data in raw.edges(keys=True, data=True):
        graph.add_edge(source_key, target_key, key=key, **_decoded(data, lists))
    return graph


_NS = "{http://graphml.graphdrawing.org/xmlns}"
_KEY, _NODE, _EDGE, _DATA = (f"{_NS}{tag}" for tag in ("key", "node", "edge", "data"))
NodeItem = tuple[str, dict[str, Any]]
EdgeItem = tuple[str, str, Any, dict[str, Any]]
_TYPES = {"int": int, "integer": int, "long": int, "float": float, "double": float}
_BOOLS = {"true": True, "false": False, "0": False, "1": True}


def _boolean(text: str) -> bool:
    return _BOOLS[text.lower()]  # as NetworkX reads them: any case


def _parsed(path: Path) -> Iterator[Any]:
    """Every ``<key>``, ``<node>`` and ``<edge>`` element of a GraphML file, in file order, one
    at a time: each element, and every one before it, is freed once the caller has it back,
    whatever its kind, so memory stays flat however big the file (an element left in the tree,
    even cleared, stays there until the whole file is read)."""
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    for _event, element in etree.iterparse(str(path), tag=(_KEY, _NODE, _EDGE)):
        yield element
        element.clear()
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]


def _elements(path: Path, wanted: str) -> Iterator[Any]:
    """The ``<key>``, ``<node>`` or ``<edge>`` (``wanted``) elements of a GraphML file, one at a
    time, freed as :func:`_parsed` frees them. Keys come before the graph: their pass stops at
    the first node or edge."""
    target = f"{_NS}{wanted}"
    for element in _parsed(path):
        if element.tag == target:
            yield element
        elif wanted == "key":
            return


Keys = dict[str, tuple[str, Any]]


def _key(element: Any, keys: Keys) -> None:
    """Record a ``<key>``'s id: its attribute name and the function that decodes its values."""
    kind = element.get("attr.type", "string")
    decode: Any = _TYPES.get(kind, str)
    if kind == "boolean":
        decode = _boolean
    keys[element.get("id")] = (element.get("attr.name", element.get("id")), decode)


def _keys(path: Path) -> Keys:
    """Each ``<key>``'s id: its attribute name and the function that decodes its values."""
    keys: Keys = {}
    for element in _elements(path, "key"):
        _key(element, keys)
    return keys


def _data(element: Any, keys: Keys, where: Callable[[], str]) -> dict[str, Any]:
    """The ``<data>`` children of an element, decoded (``where`` names the element in an
    error; it is only made then). Children are walked directly: quicker than a search."""
    data: dict[str, Any] = {}
    for item in element:
        if item.tag != _DATA:
            continue  # a comment, a processing instruction or foreign markup
        key = item.get("key")
        known = keys.get(key)
        if known is None:
            raise InputError(f"{where()}: <data key={key!r}> has no <key> declaration")
        name, decode = known
        if len(item) == 0:  # as NetworkX reads it: an empty element is the empty string
            text = item.text
            data[name] = "" if text is None else decode(text)
    return data


def _node(element: Any, keys: Keys, lists: frozenset[str]) -> NodeItem:
    node = str(element.get("id"))
    data = _data(element, keys, lambda: f"node {node!r}")
    return node, _with_label(_decoded(data, lists))


def _edge(element: Any, keys: Keys, lists: frozenset[str]) -> EdgeItem:
    source, target = str(element.get("source")), str(element.get("target"))
    data = _data(element, keys, lambda: f"edge {source!r}->{target!r}")
    return source, target, element.get("id"), _decoded(data, lists)


def iter_graphml_nodes(path: Path) -> Iterator[NodeItem]:
    """The nodes of a GraphML file, as :func:`read_graphml` gives them, one at a time."""
    keys, lists = _keys(path), schema().list_properties
    for element in _elements(path, "node"):
        yield _node(element, keys, lists)


def iter_graphml_edges(path: Path) -> Iterator[EdgeItem]:
    """The edges of a GraphML file (source, target, key, attributes), one at a time."""
    keys, lists = _keys(path), schema().list_properties
    for element in _elements(path, "edge"):
        yield _edge(element, keys, lists)


class NodesAfterEdges(Exception):
    """A ``<node>`` came after an ``<edge>``: :func:`graphml_in_one_pass` cannot give every
    node before the edges; read the file with :func:`iter_graphml_nodes` and
    :func:`iter_graphml_edges` instead."""


def graphml_in_one_pass(path: Path) -> tuple[Iterator[NodeItem], Iterator[EdgeItem]]:
    """The nodes and then the edges of a GraphML file from a single parse, for a file whose
    nodes all come before its edges (as every writer we know puts them): reading the file once
    instead of twice is most of the time ``kg load`` spends before writing. Iterate the nodes
    to their end first, then the edges; a node after an edge raises :class:`NodesAfterEdges`
    from the edges."""
    lists = schema().list_properties
    keys: Keys = {}
    parsed = _parsed(path)
    first_edge: list[EdgeItem] = []

    def nodes() -> Iterator[NodeItem]:
        in_keys = True
        for element in parsed:
            tag = element.tag
            if tag == _NODE:
                in_keys = False
                yield _node(element, keys, lists)
            elif tag == _EDGE:
                first_edge.append(_edge(element, keys, lists))
                return
            elif in_keys:  # keys after the first node are ignored, as the two passes do
                _key(element, keys)

    def edges() -> Iterator[EdgeItem]:
        yield from first_edge
        for element in parsed:
            tag = element.tag
            if tag == _EDGE:
                yield _edge(element, keys, lists)
            elif tag == _NODE:
                raise NodesAfterEdges(f"{path}: a node follows an edge")

    return nodes(), edges()


def write_graphml(
    graph: nx.MultiDiGraph,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    keys: GraphMLKeys | None = None,
) -> None:
    """Write ``graph`` as GraphML; :func:`kg.export.graphml.write_graphml`, kept importable from
    ``kg.graph`` for the callers that build graphs."""
    from kg.export.graphml import write_graphml as write  # export builds on the graph stage

    write(graph, target, keys=keys)


def graphml_path(source: str | os.PathLike[str]) -> Path:
    """The GraphML file of an out dir, or ``source`` itself when it is not a directory."""
    path = Path(source)
    return path / GRAPHML_NAME if path.is_dir() else path


def read_built_graph(source: str | os.PathLike[str]) -> tuple[nx.MultiDiGraph, Path]:
    """The graph of a ``kg build`` out dir or a GraphML file, and the file it was read from."""
    path = graphml_path(source)
    if not path.is_file():
        raise InputError(f"no graph at {path} (run 'kg build ... --out DIR' first)")
    try:
        return read_graphml(path), path
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ParseError, nx.NetworkXError, ValueError) as exc:
        raise InputError(f"{path} is not a readable GraphML file: {exc}") from None
