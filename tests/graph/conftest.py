"""A small hand-made graph in the project's schema."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.models import Entity, Paper, Relation, SourceRef


@pytest.fixture
def small_graph() -> nx.MultiDiGraph:
    papers = [
        Paper(
            id="p1",
            title='Quotes "here", <tags> & ampersands',
            abstract="First line.\nSecond line with emoji \N{SPARKLES} and $dollar \\ backslash.",
            authors=["Ada Lovelace", "Alan Turing"],
            year=2021,
            sources=[SourceRef(file="a.txt", line=3), SourceRef(file="b.jsonl", line=1)],
        ),
        Paper(id="p2", title="Second paper", abstract="We use ResNet-50 on ImageNet."),
    ]
    entities = [
        Entity(label="Method", id="resnet50", name="ResNet-50", aliases=["ResNet50"]),
        Entity(label="Method", id="cnn", name="CNN", generic=True),
        Entity(label="Dataset", id="imagenet", name="ImageNet", aliases=[]),
        Entity(
            label="Repository",
            id="github.com/acme/tool",
            name="https://github.com/acme/tool",
            url="https://github.com/acme/tool",
            host="github.com",
            owner="acme",
            repo="tool",
        ),
    ]
    relations = [
        Relation(
            type="PROPOSES",
            source="p1",
            target_label="Method",
            target="resnet50",
            evidence="We propose ResNet-50.",
            confidence=0.9,
            rule="proposal",
        ),
        Relation(
            type="USES",
            source="p2",
            target_label="Method",
            target="resnet50",
            evidence="We use ResNet-50 on ImageNet.",
            confidence=0.8,
            rule="gazetteer",
        ),
        Relation(
            type="USES",
            source="p2",
            target_label="Method",
            target="cnn",
            evidence="x",
            confidence=0.5,
            rule="gazetteer",
        ),
        Relation(
            type="EVALUATES_ON",
            source="p1",
            target_label="Dataset",
            target="imagenet",
            evidence="on ImageNet",
            confidence=0.7,
            rule="dataset-cue",
            introduced=False,
        ),
        Relation(
            type="EVALUATES_ON",
            source="p2",
            target_label="Dataset",
            target="imagenet",
            evidence="on ImageNet",
            confidence=0.7,
            rule="dataset-cue",
            introduced=False,
        ),
        Relation(
            type="HAS_CODE",
            source="p1",
            target_label="Repository",
            target="github.com/acme/tool",
            evidence="Code: https://github.com/acme/tool",
            confidence=1.0,
            rule="url",
        ),
    ]
    return build_graph(papers, entities, relations)
