"""One embedded FalkorDB server for the whole test session, on a free port in a temporary
KG_HOME, stopped at the end; each test that writes gets a graph of its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

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
def graph_name() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(server: ServerInfo, graph_name: str) -> Iterator[FalkorStore]:
    """A graph of this test's own in the session's server, deleted afterwards."""
    store = FalkorStore(server.client(), graph_name, f"test graph {graph_name}")
    yield store
    if graph_name in store.db.list_graphs():
        store.graph.delete()
    store.close()


@pytest.fixture
def kg_home(server: ServerInfo, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands run with KG_HOME pointing at the session's server."""
    monkeypatch.setenv("KG_HOME", str(server.home))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return server.home
