"""One self-contained HTML file: the page template, our style and glue script, the renderer's
bundle and style sheet, and the graph as inert JSON, all inline (no URL is ever fetched)."""

from __future__ import annotations

import html
import json
import os
from typing import IO, Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.export.registry import open_text
from kg.ingest.hygiene import clean_text
from kg.resources import DATA_DIR
from kg.view.payload import DEFAULT_MAX_NODES, Start, payload
from kg.view.renderer import renderer

VIEW_DIR = DATA_DIR / "view"


def _read(name: str) -> str:
    return (VIEW_DIR / name).read_text(encoding="utf-8")


def data_json(document: dict[str, Any]) -> str:
    """``document`` as JSON that is inert inside ``<script type="application/json">``: every
    ``<`` is escaped, so no ``</script>`` or ``<!--`` in the graph's text can end the block."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_html(document: dict[str, Any]) -> str:
    """The page for a :func:`~kg.view.payload.payload` document."""
    drawing = renderer()
    parts = {
        "TITLE": html.escape(str(document.get("title", "kg graph"))),
        "RENDERER_VERSION": html.escape(drawing.version),
        "RENDERER_STYLE": drawing.style,
        "VIEW_STYLE": _read("view.css"),
        "DATA": data_json(document),
        "RENDERER_SCRIPT": drawing.script,
        "VIEW_SCRIPT": _read("view.js"),
    }
    page = _read("view.html")
    # One pass over the template, so a placeholder-like text inside a part is never expanded.
    pieces = page.split("{{")
    out = [pieces[0]]
    for piece in pieces[1:]:
        name, sep, rest = piece.partition("}}")
        if sep and name in parts:
            out.append(parts[name] + rest)
        else:
            out.append("{{" + piece)
    return "".join(out)


def write_view(
    graph: nx.MultiDiGraph,
    target: str | os.PathLike[str] | IO[str],
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    start: Start | None = None,
    title: str = "kg graph",
    source: str = "",
) -> dict[str, Any]:
    """Write the explorer of ``graph`` to ``target`` (atomically for a path); returns the
    document drawn (its ``nodes``, ``edges``, ``omitted`` …)."""
    # the graph's text was cleaned as it was read; the title and source name come from the
    # caller (a file name may hold bytes that are not UTF-8)
    title, source = clean_text(title)[0], clean_text(source)[0]
    document = payload(graph, max_nodes=max_nodes, start=start, title=title, source=source)
    page = render_html(document)
    with open_text(target) as handle:
        handle.write(page)
    return document
