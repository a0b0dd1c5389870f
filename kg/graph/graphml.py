"""Reading GraphML files back into the graph (the writer is :mod:`kg.export.graphml`).

GraphML only holds scalars, so list-valued properties (the schema's ``list_properties``:
``aliases``, ``authors``, ``sources``) are written as JSON arrays inside a string, e.g.
``["ResNet50", "ResNet 50"]``; :func:`read_graphml` decodes them back into lists. A node's
``label`` is not written when its ``labels`` (``":Paper"``) says it; it is read back from there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.errors import InputError
from kg.schema import schema

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
_TYPES = {"int": int, "integer": int, "long": int, "float": float, "double": float}
_BOOLS = {"true": True, "false": False, "0": False, "1": True}


def _boolean(text: str) -> bool:
    return _BOOLS[text.lower()]  # as NetworkX reads them: any case


def _elements(path: Path, wanted: str) -> Iterator[Any]:
    """The ``<key>``, ``<node>`` or ``<edge>`` (``wanted``) elements of a GraphML file, one at a
    time: each element, and every one before it, is freed once the caller has it back, whatever
    its kind, so memory stays flat however big the file (an element left in the tree, even
    cleared, stays there until the whole file is read). Keys come before the graph: their pass
    stops at the first node or edge."""
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    tags = [f"{_NS}key", f"{_NS}node", f"{_NS}edge"]
    target = f"{_NS}{wanted}"
    for _event, element in etree.iterparse(str(path), tag=tags):
        if element.tag == target:
            yield element
        elif wanted == "key":
            return
        element.clear()
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]


def _keys(path: Path) -> dict[str, tuple[str, Any]]:
    """Each ``<key>``'s id: its attribute name and the function that decodes its values."""
    keys: dict[str, tuple[str, Any]] = {}
    for element in _elements(path, "key"):
        kind = element.get("attr.type", "string")
        decode: Any = _TYPES.get(kind, str)
        if kind == "boolean":
            decode = _boolean
        keys[element.get("id")] = (element.get("attr.name", element.get("id")), decode)
    return keys


def _data(element: Any, keys: dict[str, tuple[str, Any]], where: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item in element.iterfind(f"{_NS}data"):
        key = item.get("key")
        if key not in keys:
            raise InputError(f"{where}: <data key={key!r}> has no <key> declaration")
        name, decode = keys[key]
        if len(item) == 0:  # as NetworkX reads it: an empty element is the empty string
            data[name] = "" if item.text is None else decode(item.text)
    return data


def iter_graphml_nodes(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """The nodes of a GraphML file, as :func:`read_graphml` gives them, one at a time."""
    keys, lists = _keys(path), schema().list_properties
    for element in _elements(path, "node"):
        node = str(element.get("id"))
        yield node, _with_label(_decoded(_data(element, keys, f"node {node!r}"), lists))


def iter_graphml_edges(path: Path) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """The edges of a GraphML file (source, target, key, attributes), one at a time."""
    keys, lists = _keys(path), schema().list_properties
    for element in _elements(path, "edge"):
        source, target = str(element.get("source")), str(element.get("target"))
        where = f"edge {source!r}->{target!r}"
        key = element.get("id")
        yield source, target, key, _decoded(_data(element, keys, where), lists)


def write_graphml(graph: nx.MultiDiGraph, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``graph`` as GraphML; :func:`kg.export.graphml.write_graphml`, kept importable from
    ``kg.graph`` for the callers that build graphs."""
    from kg.export.graphml import write_graphml as write  # export builds on the graph stage

    write(graph, target)


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
