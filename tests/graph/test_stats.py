from __future__ import annotations

import networkx as nx

from kg.graph import format_stats, graph_stats


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
