"""``kg db`` with its own KG_HOME, so stopping it does not touch the session's server."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import db
from kg.store import (
    QueryError,
    ServerStatus,
    StoreSettings,
    load_graph,
    open_store,
    server_status,
    start_server,
    stop_server,
)

from .conftest import parse


@pytest.fixture
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "kg"
    monkeypatch.setenv("KG_HOME", str(home))
    yield home
    stop_server(home, notify=lambda _m: None)


def run(action: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = db.run(parse(db, ["db", action]))
    return code, capsys.readouterr().out


def test_start_status_stop_cycle(own_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("status", capsys)
    assert (code, out) == (db.NOT_RUNNING, f"not running (KG_HOME is {own_home})\n")

    code, out = run("start", capsys)
    assert code == 0 and out.startswith("started: embedded FalkorDB (pid ")
    code, out = run("start", capsys)
    assert code == 0 and out.startswith("already running: embedded FalkorDB (pid ")

    code, out = run("status", capsys)
    assert code == 0
    assert out.splitlines()[1:] == ["  no graphs yet"]
    assert f"data in {own_home / 'data'}" in out

    code, out = run("stop", capsys)
    assert code == 0 and out.startswith("stopped embedded FalkorDB (pid ")
    code, out = run("stop", capsys)
    assert (code, out) == (0, f"not running (KG_HOME is {own_home})\n")
    code, out = run("status", capsys)
    assert code == db.NOT_RUNNING and "snapshot of" in out


def test_status_counts_each_graph_through_the_store(
    own_home: Path, capsys: pytest.CaptureFixture[str], two_paper_graph: nx.MultiDiGraph
) -> None:
    store = open_store(None, "papers", StoreSettings(kg_home=own_home), notify=lambda _m: None)
    try:
        load_graph(store, two_paper_graph)
    finally:
        store.close()
    code, out = run("status", capsys)
    assert code == 0
    assert out.splitlines()[1:] == ["  graph 'papers': 5 nodes, 4 relationships"]


def test_status_reports_a_graph_it_cannot_count(
    own_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    start_server(own_home)
    monkeypatch.setattr(db, "server_status", lambda home: fake_status(home))

    def refuse(store: object) -> object:
        raise QueryError("no such graph", "MATCH (n) RETURN count(n)")

    monkeypatch.setattr(db, "graph_counts", refuse)
    code, out = run("status", capsys)
    assert code == 0
    assert out.splitlines()[1].startswith("  graph 'gone': cannot count (no such graph")


def fake_status(home: Path) -> ServerStatus:
    real = server_status(home)
    return ServerStatus(
        home=home, running=True, info=real.info, snapshot_bytes=None, graphs=["gone"]
    )


DB_COMMANDS = ["db", "query", "load", "store_options"]


@pytest.mark.parametrize("name", DB_COMMANDS)
def test_database_commands_use_only_the_public_store_api(name: str) -> None:
    source = (Path(db.__file__).parent / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    modules = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg.store")
    }
    imports = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith(("kg.store", "redis", "falkordb", "neo4j"))
    }
    assert modules <= {"kg.store"} and not imports
    docs = {ast.get_docstring(n, clean=False) for n in ast.walk(tree) if _has_docstring(n)}
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    cypher = [s for s in strings if isinstance(s, str) and "MATCH" in s and s not in docs]
    assert not cypher  # statements live in kg/data/cypher and run through the store


def _has_docstring(node: ast.AST) -> bool:
    kinds = ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef
    return isinstance(node, kinds) and ast.get_docstring(node, clean=False) is not None
