"""The row tables a build keeps next to its GraphML: the tables reading the file gives, used
only while the file is the one they were written for."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph import GRAPHML_NAME, build_graph, write_graphml
from kg.graph.spilled_tables import SpilledTable, spill_graphml
from kg.graph.table_cache import CACHE_NAME, cached_tables, install_table_cache, keep_tables
from kg.models import MethodEntity, Paper
from kg.pipeline import build, export_built_graph

from .conftest import relation, small_records

SAMPLE = Path(__file__).resolve().parents[2] / "kg" / "data" / "sample"


def _contents(tables: list[SpilledTable]) -> dict[tuple[object, ...], list[tuple[object, ...]]]:
    """Each table's shape and its rows in a stable order."""
    return {
        (t.kind, t.names, t.properties): sorted(t.each_row(), key=repr)
        for t in tables
        if t.count or list(t.each_row())
    }


def _kept(graph: nx.MultiDiGraph, out: Path) -> Path:
    """``graph`` written to ``out`` as a build writes it: the GraphML, then its tables."""
    out.mkdir(exist_ok=True)
    path = out / GRAPHML_NAME
    write_graphml(graph, path)
    scratch = out / "scratch"
    scratch.mkdir()
    install_table_cache(keep_tables(graph, path, scratch), out)
    return path


def test_the_kept_tables_are_those_reading_the_file_gives(tmp_path: Path) -> None:
    path = _kept(build_graph(*small_records()), tmp_path / "out")
    kept = cached_tables(path)
    assert kept is not None
    (tmp_path / "read").mkdir()
    assert _contents(kept) == _contents(spill_graphml(path, tmp_path / "read"))


_TEXT = st.text(min_size=0, max_size=20)  # any character: control ones, surrogates, CR, quotes


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=_TEXT,
    authors=st.lists(_TEXT, max_size=3),
    aliases=st.lists(_TEXT, max_size=3),
    confidence=st.floats(min_value=0, max_value=1),
    year=st.one_of(st.none(), st.integers(min_value=0, max_value=3000)),
)
def test_any_values_survive_the_kept_tables_as_the_file_carries_them(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    authors: list[str],
    aliases: list[str],
    confidence: float,
    year: int | None,
) -> None:
    papers = [Paper(id="p1", title=title, abstract="An abstract.", authors=authors, year=year)]
    entities = [MethodEntity(id="m", name="Kite" + title, aliases=aliases)]
    relations = [relation("USES", "p1", "Method", "m", title or "x", confidence)]
    base = tmp_path_factory.mktemp("values")
    path = _kept(build_graph(papers, entities, relations), base / "out")
    kept = cached_tables(path)
    assert kept is not None
    (base / "read").mkdir()
    assert _contents(kept) == _contents(spill_graphml(path, base / "read"))


def test_a_build_keeps_its_tables_and_kg_export_reads_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([str(SAMPLE / "papers.jsonl")], out)
    kept = cached_tables(out / GRAPHML_NAME)
    assert kept is not None and (out / CACHE_NAME / "manifest.json").is_file()
    (tmp_path / "read").mkdir()
    assert _contents(kept) == _contents(spill_graphml(out / GRAPHML_NAME, tmp_path / "read"))
    with_cache = export_built_graph("neo4j-admin", tmp_path / "a", out)
    for table in kept:
        table.path.unlink()  # the tables are read, not the file: without them it is read again
    assert cached_tables(out / GRAPHML_NAME) is None
    without = export_built_graph("neo4j-admin", tmp_path / "b", out)
    assert (with_cache.nodes, with_cache.relationships) == (without.nodes, without.relationships)
    written = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    assert written == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    for name in written:
        if (tmp_path / "a" / name).is_file():
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_tables_of_another_state_of_the_file_are_not_used(tmp_path: Path) -> None:
    path = _kept(build_graph(*small_records()), tmp_path / "out")
    assert cached_tables(path) is not None
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # edited by hand
    assert cached_tables(path) is None
    other = tmp_path / "out" / "copy.graphml"  # another file in the same folder
    other.write_bytes(path.read_bytes())
    assert cached_tables(other) is None


@pytest.mark.parametrize(
    "manifest", ["", "not json", '{"format": 99}', '{"format": 1, "graphml": {}}', "[]"]
)
def test_a_broken_manifest_means_no_tables(tmp_path: Path, manifest: str) -> None:
    path = _kept(build_graph(*small_records()), tmp_path / "out")
    (tmp_path / "out" / CACHE_NAME / "manifest.json").write_text(manifest, encoding="utf-8")
    assert cached_tables(path) is None


def test_the_manifest_names_the_file_and_its_state(tmp_path: Path) -> None:
    path = _kept(build_graph(*small_records()), tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / CACHE_NAME / "manifest.json").read_text("utf-8"))
    assert manifest["graphml"] == {
        "name": GRAPHML_NAME,
        "size": path.stat().st_size,
        "mtime_ns": path.stat().st_mtime_ns,
    }
    assert sum(t["count"] for t in manifest["tables"]) == 2 + 4 + 6  # papers, entities, edges
