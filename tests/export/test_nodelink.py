"""Node-link JSON: NetworkX reads it back as the graph, lists as JSON arrays."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from kg.export import write_node_link
from kg.graph import build_graph
from kg.models import DatasetEntity, Paper, Relation


def test_node_link_json_is_the_graph_with_node_keys_under_key(tmp_path: Path) -> None:
    papers = [Paper(id="p1", title='A "quoted" 東京 title\nwith a newline', authors=["A", "B"])]
    entities = [DatasetEntity(id="imagenet", name="ImageNet", aliases=["ILSVRC"])]
    relation = Relation(
        type="EVALUATES_ON",
        source="p1",
        target_label="Dataset",
        target="imagenet",
        evidence="on ImageNet",
        confidence=0.7,
        introduced=False,
    )
    graph = build_graph(papers, entities, [relation])
    path = tmp_path / "graph.json"
    write_node_link(graph, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and text.endswith("\n")
    data = json.loads(text)
    paper = next(n for n in data["nodes"] if n["key"] == "paper:p1")
    assert (paper["id"], paper["authors"], paper["label"]) == ("p1", ["A", "B"], "Paper")
    assert data["links"][0]["key"] == "EVALUATES_ON"
    back = nx.node_link_graph(data, name="key", edges="links")
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    handle = io.StringIO()
    write_node_link(graph, handle)
    assert handle.getvalue() == text
