"""``kg db`` with its own KG_HOME, so stopping it does not touch the session's server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import db
from kg.store.server import stop_server

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
