"""Reading GraphML files back into the graph (the writer is :mod:`kg.export.graphml`).

GraphML only holds scalars, so list-valued properties (the schema's ``list_properties``:
``aliases``, ``authors``, ``sources``) are written as JSON arrays inside a string, e.g.
``["ResNet50", "ResNet 50"]``; :func:`read_graphml` decodes them back into lists. A node's
``label`` is not written when its ``labels`` (``":Paper"``) says it; it is read back from there.
"""

from __future__ import annotations

import json
import os
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
