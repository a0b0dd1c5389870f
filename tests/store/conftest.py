"""One embedded FalkorDB server for the whole test session; a fresh graph name per test."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.models import Entity, Paper, Relation, RelType
from kg.store.falkordb_store import FalkorStore
from kg.store.server import ServerInfo, ensure_server, stop_server


@pytest.fixture(scope="session")
def server_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("kg-home")
    yield home
    stop_server(home, notify=lambda _message: None)


@pytest.fixture(scope="session")
def server(server_home: Path) -> ServerInfo:
    return ensure_server(server_home)


@pytest.fixture
def store(server: ServerInfo) -> Iterator[FalkorStore]:
    name = f"test-{uuid.uuid4().hex[:12]}"
    store = FalkorStore(server.client(), name, f"test graph {name}")
    yield store
    if name in store.db.list_graphs():
        store.graph.delete()
    store.close()


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
        Entity(label="Method", id="resnet", name="ResNet", aliases=["ResNet-50", "ResNet50"]),
        Entity(label="Dataset", id="imagenet", name="ImageNet"),
        Entity(
            label="Repository",
            id="github.com/a/b",
            name="https://github.com/a/b",
            url="https://github.com/a/b",
            host="github.com",
            owner="a",
            repo="b",
        ),
    ]
    relations = [
        relation("PROPOSES", "p1", "Method", "resnet"),
        relation("HAS_CODE", "p1", "Repository", "github.com/a/b"),
        relation("USES", "p2", "Method", "resnet"),
        relation("EVALUATES_ON", "p2", "Dataset", "imagenet", introduced=False),
    ]
    return build_graph(papers, entities, relations)


@pytest.fixture
def graph_name() -> str:
    return f"cli-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def kg_home(server: ServerInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands run with KG_HOME pointing at the session's server."""
    monkeypatch.setenv("KG_HOME", str(server.home))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return server.home


def parse(module: object, argv: list[str]) -> argparse.Namespace:
    """Arguments as ``kg`` would parse them for one subcommand module."""
    parser = argparse.ArgumentParser(prog="kg")
    module.register(parser.add_subparsers(dest="command", required=True))  # type: ignore[attr-defined]
    return parser.parse_args(argv)
