"""Lifecycle of the embedded server. These tests start their own servers in their own homes."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store.server import (
    LOCK_FILE,
    STATE_FILE,
    ensure_server,
    server_status,
    start_server,
    stop_server,
)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    yield home
    stop_server(home, notify=lambda _m: None)


def count_nodes(home: Path, graph: str) -> int:
    client = ensure_server(home, notify=lambda _m: None).client()
    return client.select_graph(graph).ro_query("MATCH (n) RETURN count(n)").result_set[0][0]


def test_start_reuses_a_running_server_and_listens_on_localhost(home: Path) -> None:
    first, started = start_server(home)
    second, started_again = start_server(home)
    assert started and not started_again
    assert second == first
    state = json.loads((home / STATE_FILE).read_text())
    assert state["pid"] == first.pid and state["port"] == first.port
    assert (home / STATE_FILE).stat().st_mode & 0o077 == 0
    assert "bind 127.0.0.1" in (home / "redis.conf").read_text()


def test_data_survives_stop_and_start(home: Path) -> None:
    info = ensure_server(home)
    info.client().select_graph("g").query("CREATE (:Paper {id: 'p1'}), (:Paper {id: 'p2'})")
    stopped = stop_server(home)
    assert stopped is not None and stopped.pid == info.pid
    assert not server_status(home).running
    assert server_status(home).snapshot_bytes
    assert count_nodes(home, "g") == 2


def test_stop_when_nothing_runs_reports_none(home: Path) -> None:
    assert stop_server(home) is None


def test_status_names_the_graphs(home: Path) -> None:
    info = ensure_server(home)
    info.client().select_graph("papers").query("CREATE (:Paper {id: 'x'})")
    status = server_status(home)
    assert status.running and status.info == info
    assert status.graphs == ["papers"]


def test_a_crashed_server_is_detected_reported_and_replaced(home: Path) -> None:
    info = ensure_server(home)
    info.client().select_graph("g").query("CREATE (:Paper {id: 'p1'})")
    info.redis().save()
    os.kill(info.pid, signal.SIGKILL)
    notices: list[str] = []
    replacement = ensure_server(home, notify=notices.append)
    assert replacement.pid != info.pid
    assert len(notices) == 1
    assert f"process {info.pid}, which is no longer running" in notices[0]
    assert count_nodes(home, "g") == 1


def test_a_state_file_naming_another_live_process_is_not_trusted(home: Path) -> None:
    home.mkdir(parents=True)
    # our own pid is alive but is not a server answering on that port with that password
    state = {"pid": os.getpid(), "port": 1, "password": "x"}
    (home / STATE_FILE).write_text(json.dumps(state))
    notices: list[str] = []
    info = ensure_server(home, notify=notices.append)
    assert info.pid != os.getpid()
    assert "does not answer as our server" in notices[0]


def test_an_unreadable_state_file_is_reported_and_replaced(home: Path) -> None:
    home.mkdir(parents=True)
    (home / STATE_FILE).write_text("{not json")
    notices: list[str] = []
    info = ensure_server(home, notify=notices.append)
    assert info.responds()
    assert "is unreadable" in notices[0]


def test_a_lock_left_by_a_crashed_command_is_reported_and_recovered(home: Path) -> None:
    home.mkdir(parents=True)
    (home / LOCK_FILE).write_text("999999")
    notices: list[str] = []
    info = ensure_server(home, notify=notices.append)
    assert info.responds()
    assert notices == [
        f"recovered a stale lock in {home} left by process 999999, which stopped while "
        "starting or stopping the database"
    ]
    assert (home / LOCK_FILE).read_text() == ""
