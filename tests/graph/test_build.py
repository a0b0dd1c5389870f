from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import build_graph, node_key, nodes_with_label
from kg.models import Paper, Relation


def test_nodes_are_namespaced_and_labelled(small_graph: nx.MultiDiGraph) -> None:
    assert set(small_graph) == {
        "paper:p1",
        "paper:p2",
        "method:resnet50",
        "method:cnn",
        "dataset:imagenet",
        "repo:github.com/acme/tool",
    }
    data = small_graph.nodes["method:resnet50"]
    assert data["label"] == "Method"
    assert data["labels"] == ":Method"
    assert data["id"] == "resnet50"
    assert data["aliases"] == ["ResNet50"]


def test_repository_properties_follow_schema(small_graph: nx.MultiDiGraph) -> None:
    repo = small_graph.nodes["repo:github.com/acme/tool"]
    assert {k: repo[k] for k in ("id", "url", "host", "owner", "name")} == {
        "id": "github.com/acme/tool",
        "url": "https://github.com/acme/tool",
        "host": "github.com",
        "owner": "acme",
        "name": "tool",
    }


def test_edges_are_keyed_by_type_and_carry_evidence(small_graph: nx.MultiDiGraph) -> None:
    edge = small_graph.edges["paper:p1", "method:resnet50", "PROPOSES"]
    assert edge["label"] == "PROPOSES"
    assert edge["evidence"] == "We propose ResNet-50."
    assert edge["confidence"] == 0.9
    assert small_graph.edges["paper:p1", "dataset:imagenet", "EVALUATES_ON"]["introduced"] is False


def test_missing_values_are_left_out(small_graph: nx.MultiDiGraph) -> None:
    assert "year" not in small_graph.nodes["paper:p2"]
    assert "authors" not in small_graph.nodes["paper:p2"]


def test_relation_to_unknown_node_is_an_error() -> None:
    relation = Relation(
        type="USES", source="p1", target_label="Method", target="nope", evidence="", confidence=0.5
    )
    with pytest.raises(KeyError, match="method:nope"):
        build_graph([Paper(id="p1", title="t")], [], [relation])


def test_node_helpers(small_graph: nx.MultiDiGraph) -> None:
    assert node_key("Repository", "x/y") == "repo:x/y"
    assert sorted(nodes_with_label(small_graph, "Paper")) == ["paper:p1", "paper:p2"]
