"""Every writer (GraphML, node-link JSON, Cypher, the neo4j-admin CSV files, the HTML view,
extractions, query output as a table, JSON and CSV) given papers whose inputs held each class of
character XML 1.0 or UTF-8 cannot carry; and a property test: any Unicode title and abstract
gives a graph NetworkX, igraph and the loader read back."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli.main import main
from kg.export import export_graph
from kg.extract import extract_papers
from kg.graph import read_graphml
from kg.ingest import read_inputs
from kg.ingest.hygiene import UNSAFE
from kg.pipeline import build, graph_from_extractions
from kg.store import load_graph, read_graph
from kg.store.falkordb_store import FalkorStore
from kg.store.server import ServerInfo
from kg.view import renderer, write_view

BAD = {
    "nul": "\x00",
    "c0": "\x01\x02\x07\x08",
    "esc": "\x1b[31m",
    "c0-high": "\x0e\x1f",
    "space-like": "\x0b\x0c",
    "noncharacters": "\ufffe\uffff",
    "high-surrogate": "\ud800",
    "low-surrogate": "\udfff",
}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def assert_clean(text: str) -> None:
    assert UNSAFE.search(text) is None
    text.encode("utf-8")


@pytest.fixture(scope="module")
def dirty_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dirty")
    records = [
        {
            "id": f"2403.0{i}",
            "title": f"{name} {chars}Res{chars}Net paper",
            "abstract": f"We propose {chars}FooNet{chars}, evaluated on ImageNet. "
            f"Code: https://github.com/a/{name}",
            "authors": [f"Ann {chars}Lee"],
        }
        for i, (name, chars) in enumerate(sorted(BAD.items()))
    ]
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = folder / "out"
    result = build([str(source)], out)
    assert result.report.built == len(BAD)
    return out


def test_graphml_reads_back_in_networkx_and_igraph(dirty_build: Path) -> None:
    path = dirty_build / "graph.graphml"
    graph = read_graphml(path)
    titles = [d.get("title", "") for _, d in graph.nodes(data=True) if d.get("label") == "Paper"]
    assert len(titles) == len(BAD)
    for _, data in graph.nodes(data=True):
        for text in _strings(data):
            assert_clean(text)
    with pytest.warns(RuntimeWarning, match="vertex ids"):  # our nodes have an 'id' property
        assert igraph.Graph.Read_GraphML(str(path)).vcount() == graph.number_of_nodes()


def test_extractions_are_clean_json_lines(dirty_build: Path) -> None:
    lines = (dirty_build / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(BAD)
    for line in lines:
        for text in _strings(json.loads(line)):
            assert_clean(text)


@pytest.mark.parametrize("fmt", ["graphml", "json", "cypher"])
def test_every_export_format_is_clean(dirty_build: Path, tmp_path: Path, fmt: str) -> None:
    graph = read_graphml(dirty_build / "graph.graphml")
    target = tmp_path / f"g.{fmt}"
    export_graph(graph, fmt, target)
    text = target.read_text(encoding="utf-8")
    assert_clean(text)
    if fmt == "json":
        back = nx.node_link_graph(json.loads(text), name="key", edges="links")
        assert back.number_of_nodes() == graph.number_of_nodes()
    if fmt == "graphml":
        assert nx.read_graphml(target).number_of_nodes() == graph.number_of_nodes()


def test_the_html_view_is_clean(dirty_build: Path, tmp_path: Path) -> None:
    graph = read_graphml(dirty_build / "graph.graphml")
    target = tmp_path / "view.html"
    document = write_view(graph, target)
    assert len(document["nodes"]) == graph.number_of_nodes()
    page = target.read_text(encoding="utf-8")
    # the renderer's own bundle is third-party code (it holds a literal \x01): not our text
    assert_clean(page.replace(renderer().script, ""))


def test_the_loader_takes_it(dirty_build: Path, store: FalkorStore) -> None:
    graph = read_graphml(dirty_build / "graph.graphml")
    load_graph(store, graph)
    back = read_graph(store)
    assert back.number_of_nodes() == graph.number_of_nodes()


any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60)
bad_text = st.lists(st.sampled_from([*"".join(BAD.values()), "a", " ", "Net"])).map("".join)


@pytest.mark.filterwarnings("ignore:Could not add vertex ids:RuntimeWarning")
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=st.one_of(any_text, bad_text), abstract=st.one_of(any_text, bad_text))
def test_any_unicode_gives_a_readable_graph(
    tmp_path: Path, server: ServerInfo, title: str, abstract: str
) -> None:
    source = tmp_path / f"{uuid.uuid4().hex}.jsonl"
    record = {"id": "p1", "title": title, "abstract": abstract}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    papers, _report = read_inputs([str(source)])
    if not papers:  # nothing left of title and abstract: the record is skipped, not lost
        return
    graph = graph_from_extractions(extract_papers(papers))
    target = tmp_path / f"{uuid.uuid4().hex}.graphml"
    export_graph(graph, "graphml", target)
    assert read_graphml(target).number_of_nodes() == graph.number_of_nodes()
    assert igraph.Graph.Read_GraphML(str(target)).vcount() == graph.number_of_nodes()
    name = f"prop-{uuid.uuid4().hex[:12]}"
    store = FalkorStore(server.client(), name, name)
    try:
        load_graph(store, read_graphml(target))
        assert read_graph(store).number_of_nodes() == graph.number_of_nodes()
    finally:
        store.graph.delete()
        store.close()


def test_the_neo4j_admin_csv_files_are_clean(dirty_build: Path, tmp_path: Path) -> None:
    graph = read_graphml(dirty_build / "graph.graphml")
    folder = tmp_path / "import"
    export_graph(graph, "neo4j-admin", folder)
    files = sorted(folder.rglob("*.csv"))
    assert files
    papers = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert_clean(text)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if path.name.startswith("Paper.0"):
            papers += len(rows)
    assert papers == len(BAD)


@pytest.mark.parametrize("option", ["--csv", "--json", None])
def test_query_output_of_the_loaded_graph_is_clean(
    dirty_build: Path,
    store: FalkorStore,
    kg_home: Path,
    capsys: pytest.CaptureFixture[str],
    option: str | None,
) -> None:
    load_graph(store, read_graphml(dirty_build / "graph.graphml"))
    query = "MATCH (p:Paper)-[r]->(m) RETURN p.title, p.authors, r.evidence, m"
    argv = ["query", query, "--graph", store.graph.name, *([option] if option else [])]
    capsys.readouterr()
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert_clean(printed)
    if option == "--csv":
        header, *rows = csv.reader(io.StringIO(printed, newline=""))
        assert header == ["p.title", "p.authors", "r.evidence", "m"] and rows
