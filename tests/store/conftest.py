"""Store test helpers: a two-paper graph and arguments parsed as ``kg`` would (the server and
per-test graphs come from the top-level conftest)."""

from __future__ import annotations

import argparse

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.models import DatasetEntity, MethodEntity, Paper, Relation, RelType, RepositoryEntity


def relation(kind: str, paper: str, label: str, target: str, **extra: object) -> Relation:
    return Relation(
        type=RelType(kind),
        source=paper,
        target_label=label,  # type: ignore[arg-type]
        target=target,
        evidence=f"{paper} {kind.lower()} {target}.",
        confidence=0.9,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def two_paper_graph() -> nx.MultiDiGraph:
    papers = [
        Paper(id="p1", title="First", abstract="We propose ResNet.", authors=["A. One", "B. Two"]),
        Paper(id="p2", title="Second", abstract="We use ResNet on ImageNet.", year=2020),
    ]
    entities = [
        MethodEntity(id="resnet", name="ResNet", aliases=["ResNet-50", "ResNet50"]),
        DatasetEntity(id="imagenet", name="ImageNet"),
        RepositoryEntity(
            id="github.com/a/b",
            url="https://github.com/a/b",
            host="github.com",
            owner="a",
            name="b",
        ),
    ]
    relations = [
        relation("PROPOSES", "p1", "Method", "resnet"),
        relation("HAS_CODE", "p1", "Repository", "github.com/a/b"),
        relation("USES", "p2", "Method", "resnet"),
        relation("EVALUATES_ON", "p2", "Dataset", "imagenet", introduced=False),
    ]
    return build_graph(papers, entities, relations)


def parse(module: object, argv: list[str]) -> argparse.Namespace:
    """Arguments as ``kg`` would parse them for one subcommand module."""
    parser = argparse.ArgumentParser(prog="kg")
    module.register(parser.add_subparsers(dest="command", required=True))  # type: ignore[attr-defined]
    return parser.parse_args(argv)
