"""The GraphML serialiser: the bytes ``nx.write_graphml_lxml(..., named_key_ids=True)`` writes,
in one pass over the nodes and edges once the keys are known.

NetworkX's writer walks the nodes and the edges three times (two to find the keys, one to
write) and builds an lxml element for every value; on a build's streamed graph each walk reads
the rows back from disk. Writing GraphML was the largest stage of a big build after extraction,
so it has this fast path; ``scripts/bench_graphml.py`` measures it against NetworkX's writer and
``tests/export/test_graphml_writer.py`` checks the two write the same bytes.

It writes what :class:`kg.export.graphml.GraphMLKeys` says (the keys, in NetworkX's order) of
a graph whose values are already encoded (text, integers, floats, booleans); a graph with node
or edge defaults, which kg never makes, is written by NetworkX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from kg.errors import OutputError

_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_ROOT = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_PLAIN = frozenset({int, float, bool})  # types whose text never needs escaping
_FLUSH_CHARS = 1 << 20  # text gathered before it is encoded and written

# what libxml2 escapes: in text &, <, > and carriage returns; in attribute values also quotes
# and the white space an attribute value would otherwise lose to normalisation
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile(
    '[&<>"\n\r\t]|[^\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'  # or not XML at all
)
# characters XML 1.0 cannot hold at all
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def _text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(value) else value


def _attribute(value: str) -> str:
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    if NOT_XML.search(value):  # values were made XML-safe; ids and names are not changed
        raise OutputError(
            f"GraphML cannot hold the id or name {value!r}: XML 1.0 has no such character"
        )
    return value.translate(_ATTRIBUTE_ESCAPES)


class _Chunks:
    """Text gathered and written to a binary file as UTF-8 a megabyte at a time."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._parts: list[str] = []
        self._size = 0

    def add(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= _FLUSH_CHARS:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self._handle.write("".join(self._parts).encode("utf-8"))
            self._parts, self._size = [], 0


class _DataWriter:
    """``<data>`` elements, with the opening tag of each property name made once."""

    def __init__(self, indent: str) -> None:
        self._indent = indent
        self._openings: dict[str, str] = {}

    def _opening(self, name: str) -> str:
        opening = self._openings[name] = f'{self._indent}<data key="{_attribute(name)}">'
        return opening

    def __call__(self, data: dict[str, Any]) -> str:
        openings = self._openings
        parts = []
        for name, value in data.items():
            kind = type(value)
            text = str(value) if kind in _PLAIN else _text(value if kind is str else str(value))
            parts.append(f"{openings.get(name) or self._opening(name)}{text}</data>\n")
        return "".join(parts)


def _element(head: str, tag: str, data: dict[str, Any], elements: _DataWriter) -> str:
    """``<node ...>`` or ``<edge ...>`` with its data, or the empty element without data."""
    if not data:
        return f"<{head}/>\n"
    return f"<{head}>\n{elements(data)}</{tag}>\n"


def write_encoded(
    handle: IO[bytes],
    keys: Iterable[tuple[str, str, str]],
    *,
    directed: bool,
    graph_id: Any,
    graph_data: dict[str, Any],
    nodes: Iterable[tuple[Any, dict[str, Any]]],
    edges: Iterator[tuple[Any, ...]],
) -> None:
    """Write a GraphML document to ``handle``: ``keys`` as (scope, name, XML type) in the order
    NetworkX finds them (each written once, the last found first), then the graph's data, the
    nodes (key, encoded data) and the edges ((source, target, key, data) of a multigraph,
    (source, target, data) otherwise)."""
    out = _Chunks(handle)
    out.add(_DECLARATION)
    out.add(_ROOT)
    for scope, name, kind in reversed(list(dict.fromkeys(keys))):
        quoted = _attribute(name)
        out.add(f'<key id="{quoted}" for="{scope}" attr.name="{quoted}" attr.type="{kind}"/>\n')
    kind = "directed" if directed else "undirected"
    if graph_id is None:
        out.add(f'<graph edgedefault="{kind}">')
    else:
        out.add(f'<graph edgedefault="{kind}" id="{_attribute(str(graph_id))}">')
    if graph_data:
        out.add(_DataWriter("")(graph_data))  # written on their own, so not indented
    elements = _DataWriter("  ")
    for node, data in nodes:
        out.add(_element(f'node id="{_attribute(str(node))}"', "node", data, elements))
    for edge in edges:
        if len(edge) == 4:
            source, target, key, data = edge
            head = f'edge source="{_attribute(str(source))}" target="{_attribute(str(target))}"'
            head += f' id="{_attribute(str(key))}"'
        else:
            source, target, data = edge
            head = f'edge source="{_attribute(str(source))}" target="{_attribute(str(target))}"'
        out.add(_element(head, "edge", data, elements))
    out.add("</graph></graphml>")
    out.flush()
