"""``kg view``: the graph as one offline HTML explorer.

The file holds everything it needs: the renderer (Neo4j's NVL, from the optional ``neo4j-viz``
package), our style and glue script from ``kg/data/view/``, and the graph as inert JSON.
Colours, sizes and captions come from the schema's Browser style (:mod:`kg.schema`)::

    from kg.view import write_view
    write_view(graph, "graph.html", max_nodes=5000)
"""

from kg.view.html import data_json, render_html, write_view
from kg.view.payload import (
    DEFAULT_HOPS,
    DEFAULT_MAX_NODES,
    Start,
    find_node,
    neighbourhood,
    payload,
    select,
)
from kg.view.renderer import Renderer, renderer

__all__ = [
    "DEFAULT_HOPS",
    "DEFAULT_MAX_NODES",
    "Renderer",
    "Start",
    "data_json",
    "find_node",
    "neighbourhood",
    "payload",
    "render_html",
    "renderer",
    "select",
    "write_view",
]
