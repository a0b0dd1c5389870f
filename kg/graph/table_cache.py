"""The row tables of a built graph, kept next to its GraphML, so that ``kg load`` and the
neo4j-admin export need not parse the XML again (parsing is most of their time).

``kg build`` writes them from the graph it writes as GraphML (:func:`graph_table_files`, while
the GraphML is written), then :func:`seal_tables` a manifest that records the GraphML file's
name, size and modification time; :func:`cached_tables` gives them back only while the
GraphML is still that file, so a GraphML file replaced or edited by hand is read again, never
outrun by stale tables. They are the tables reading the GraphML gives
(``tests/graph/test_table_cache.py``).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.graph.spilled_tables import SpilledTable, spill_tables

if TYPE_CHECKING:
    from kg.export.graphml import GraphMLKeys

CACHE_NAME = "graph.tables"
MANIFEST_NAME = "manifest.json"
FORMAT = 1


def _stamp(graphml: Path) -> dict[str, Any]:
    stat = graphml.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def seal_tables(tables: list[SpilledTable], graphml: Path, folder: Path, name: str) -> Path:
    """Write the manifest of ``tables`` (in ``folder``) for the finished GraphML ``graphml``."""
    manifest = {
        "format": FORMAT,
        "graphml": {"name": name, **_stamp(graphml)},
        "tables": [
            {
                "kind": table.kind,
                "names": list(table.names),
                "properties": list(table.properties),
                "file": table.path.name,
                "count": table.count,
            }
            for table in tables
        ],
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def install_table_cache(folder: Path, out: Path) -> None:
    """Put the tables written to ``folder`` in place in the out dir ``out``."""
    target = out / CACHE_NAME
    if target.exists():
        shutil.rmtree(target)
    os.replace(folder, target)


def cached_tables(graphml: Path) -> list[SpilledTable] | None:
    """The tables kept for the GraphML file ``graphml``, or None when there are none or they
    were written for another file (or another state of this one)."""
    folder = graphml.parent / CACHE_NAME
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            return None
        if manifest["graphml"] != {"name": graphml.name, **_stamp(graphml)}:
            return None
        tables = [
            SpilledTable(
                item["kind"],
                tuple(item["names"]),
                tuple(item["properties"]),
                folder / item["file"],
                int(item["count"]),
            )
            for item in manifest["tables"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no tables, or not ones this version wrote: the GraphML is read
    if not all(table.path.is_file() for table in tables):
        return None
    return tables


def keep_tables(
    graph: Any, graphml: Path, scratch: Path, *, keys: GraphMLKeys | None = None
) -> Path:
    """The tables of ``graph`` (a NetworkX graph or a build's streamed one), just written to
    the staged GraphML file ``graphml``, spilled to a new folder of ``scratch`` for
    :func:`install_table_cache` to put in place once the build's files are; ``keys``, those
    the GraphML was written with, saves a pass over the graph."""
    from kg.graph.graphml import GRAPHML_NAME

    folder = scratch / CACHE_NAME
    return seal_tables(graph_table_files(graph, folder, keys=keys), graphml, folder, GRAPHML_NAME)


def graph_table_files(
    graph: Any, folder: Path, *, keys: GraphMLKeys | None = None
) -> list[SpilledTable]:
    """The table files of ``graph``'s items as its GraphML gives them back, in the new folder
    ``folder``: they do not depend on the GraphML file, so they may be written while it is
    (:func:`seal_tables` then ties them to it)."""
    from kg.export.graphml import graphml_items

    nodes, edges = graphml_items(graph, keys=keys)
    folder.mkdir()
    return spill_tables(nodes, edges, folder)
