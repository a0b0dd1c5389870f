"""A small hand-made graph in the project's schema."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.models import (
    DatasetEntity,
    Entity,
    MethodEntity,
    Paper,
    Relation,
    RepositoryEntity,
    SourceRef,
)


def relation(
    rel_type: str,
    paper: str,
    label: str,
    target: str,
    evidence: str,
    confidence: float,
    rule: str = "gazetteer",
    introduced: bool | None = None,
) -> Relation:
    return Relation(
        type=rel_type,
        source=paper,
        target_label=label,
        target=target,
        evidence=evidence,
        confidence=confidence,
        rule=rule,
        introduced=introduced,
    )


Records = tuple[list[Paper], list[Entity], list[Relation]]


def small_records() -> Records:
    """Two papers, their entities and their relations (each paper's in a row, as a build
    makes them)."""
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
        MethodEntity(id="resnet50", name="ResNet-50", aliases=["ResNet50"]),
        MethodEntity(id="cnn", name="CNN", generic=True),
        DatasetEntity(id="imagenet", name="ImageNet", aliases=[]),
        RepositoryEntity(
            id="github.com/acme/tool",
            url="https://github.com/acme/tool",
            host="github.com",
            owner="acme",
            name="tool",
        ),
    ]
    relations = [
        relation("PROPOSES", "p1", "Method", "resnet50", "We propose ResNet-50.", 0.9, "proposal"),
        relation("EVALUATES_ON", "p1", "Dataset", "imagenet", "on ImageNet", 0.7, introduced=False),
        relation(
            "HAS_CODE",
            "p1",
            "Repository",
            "github.com/acme/tool",
            "Code: https://github.com/acme/tool",
            1.0,
            "url",
        ),
        relation("USES", "p2", "Method", "resnet50", "We use ResNet-50 on ImageNet.", 0.8),
        relation("USES", "p2", "Method", "cnn", "x", 0.5),
        relation("EVALUATES_ON", "p2", "Dataset", "imagenet", "on ImageNet", 0.7, introduced=False),
    ]
    return papers, entities, relations


@pytest.fixture
def small_graph() -> nx.MultiDiGraph:
    return build_graph(*small_records())
