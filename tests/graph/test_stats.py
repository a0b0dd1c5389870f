from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.graph import format_stats, graph_stats
from kg.graph.stats import streamed_stats


def test_counts_per_label_and_type(small_graph: nx.MultiDiGraph) -> None:
    stats = graph_stats(small_graph)
    assert stats.nodes == {
        "Paper": 2,
        "Method": 2,
        "Dataset": 1,
        "Repository": 1,
        "Task": 0,
        "Metric": 0,
        "Result": 0,
    }
    assert stats.relationships == {"PROPOSES": 1, "USES": 2, "EVALUATES_ON": 2, "HAS_CODE": 1} | {
        rel: 0 for rel in ("ADDRESSES", "MEASURES", "REPORTS", "ON", "IN_TERMS_OF", "FOR", "OF")
    }


def test_ranking_counts_distinct_papers(small_graph: nx.MultiDiGraph) -> None:
    stats = graph_stats(small_graph)
    assert [(r.name, r.papers) for r in stats.top_methods] == [("ResNet-50", 2), ("CNN", 1)]
    assert [(r.name, r.papers) for r in stats.top_datasets] == [("ImageNet", 2)]
    assert stats.top_repositories[0].papers == 1
    text = format_stats(stats)
    assert "ResNet-50" in text and "EVALUATES_ON" in text


def streams(graph: nx.MultiDiGraph) -> tuple[Any, Any]:
    return graph.nodes(data=True), graph.edges(keys=True, data=True)


def test_streamed_stats_equal_the_graphs(small_graph: nx.MultiDiGraph) -> None:
    assert streamed_stats(*streams(small_graph)) == graph_stats(small_graph)
    assert streamed_stats(*streams(small_graph), limit=1) == graph_stats(small_graph, limit=1)


def test_streamed_stats_count_a_paper_once_per_entity_over_several_types() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p", label="Paper", id="p", title="T")
    graph.add_node("method:m", label="Method", id="m", name="M")
    graph.add_node("dataset:d", label="Dataset", id="d", name="D")
    graph.add_edge("paper:p", "method:m", key="PROPOSES")
    graph.add_edge("paper:p", "method:m", key="USES")
    graph.add_edge("paper:p", "dataset:d", key="EVALUATES_ON")
    stats = streamed_stats(*streams(graph))
    assert stats == graph_stats(graph)
    assert stats is not None and stats.top_methods[0].papers == 1


def test_edges_not_grouped_by_source_give_none() -> None:
    nodes = [
        ("paper:a", {"label": "Paper", "id": "a"}),
        ("paper:b", {"label": "Paper", "id": "b"}),
        ("method:m", {"label": "Method", "id": "m", "name": "M"}),
    ]
    edges = [
        ("paper:a", "method:m", "USES", {}),
        ("paper:b", "method:m", "USES", {}),
        ("paper:a", "method:m", "PROPOSES", {}),
    ]
    assert streamed_stats(nodes, edges) is None
    assert streamed_stats(nodes, edges[:2]) is not None


def test_kg_stats_of_a_built_graph_reads_it_as_a_stream(
    small_graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.graph import write_graphml
    from kg.pipeline import graph_statistics

    write_graphml(small_graph, tmp_path / "graph.graphml")

    def no_networkx(*_args: Any) -> None:
        raise AssertionError("the built graph was read into NetworkX")

    monkeypatch.setattr("kg.graph.read_built_graph", no_networkx)
    assert graph_statistics(tmp_path / "graph.graphml") == graph_stats(small_graph)


def test_kg_stats_of_a_build_reads_the_tables_it_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph.graphml
    from kg.pipeline import build, graph_statistics

    sample = sorted(str(p) for p in (Path(kg.__file__).parent / "data" / "sample").iterdir())
    result = build(sample, tmp_path / "out", networkx=True)
    assert result.graph is not None

    def no_xml(*_args: Any) -> None:
        raise AssertionError("the GraphML was parsed")

    monkeypatch.setattr(kg.graph.graphml, "iter_graphml_nodes", no_xml)
    for top in (1, 3, 10):
        assert graph_statistics(tmp_path / "out", top=top) == graph_stats(result.graph, limit=top)


def test_ties_are_ranked_by_id_whichever_way_the_graph_is_read(tmp_path: Path) -> None:
    from kg.graph import write_graphml
    from kg.graph.stats import table_stats
    from kg.graph.table_cache import cached_tables, install_table_cache, keep_tables

    graph = nx.MultiDiGraph()
    for paper in ("p1", "p2"):
        graph.add_node(f"paper:{paper}", label="Paper", labels=":Paper", id=paper, title=paper)
    for ident in ("zeta", "alpha", "mid"):  # the same name, one paper each
        graph.add_node(f"method:{ident}", label="Method", labels=":Method", id=ident, name="Net")
    for ident, paper in (("zeta", "p1"), ("alpha", "p2"), ("mid", "p1")):
        graph.add_edge(f"paper:{paper}", f"method:{ident}", key="USES", label="USES")
    out = tmp_path / "out"
    out.mkdir()
    write_graphml(graph, out / "graph.graphml")
    (out / "scratch").mkdir()
    install_table_cache(keep_tables(graph, out / "graph.graphml", out / "scratch"), out)
    tables = cached_tables(out / "graph.graphml")
    assert tables is not None
    expected = graph_stats(graph, limit=2)
    assert [r.id for r in expected.top_methods] == ["alpha", "mid"]
    assert table_stats(tables, limit=2) == expected
    assert streamed_stats(*streams(graph), limit=2) == expected
