"""``kg db start|stop|status``: the embedded FalkorDB server that ``kg load`` and ``kg query``
start on demand; ``stop`` snapshots the data and shuts it down."""

from __future__ import annotations

import argparse

import redis

from kg.store.server import (
    DATA_DIR,
    ServerInfo,
    server_status,
    start_server,
    stop_server,
)
from kg.store.settings import StoreSettings

NOT_RUNNING = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "db",
        help="start, stop or inspect the embedded FalkorDB server",
        description="Manage the embedded FalkorDB server. Its data lives in KG_HOME "
        "(default: the user data directory, e.g. ~/.local/share/kg).",
    )
    parser.add_argument("action", choices=("start", "stop", "status"))
    parser.set_defaults(func=run)


def _where(info: ServerInfo) -> str:
    return f"pid {info.pid}, 127.0.0.1:{info.port}, data in {info.home / DATA_DIR}"


def _graph_sizes(info: ServerInfo, graphs: list[str]) -> list[str]:
    client = info.client(timeout=10.0)
    lines = []
    for name in graphs:
        graph = client.select_graph(name)
        try:
            nodes = graph.ro_query("MATCH (n) RETURN count(n)").result_set[0][0]
            rels = graph.ro_query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
            lines.append(f"  graph {name!r}: {nodes} nodes, {rels} relationships")
        except redis.RedisError as exc:
            lines.append(f"  graph {name!r}: cannot count ({exc})")
    return lines


def run(args: argparse.Namespace) -> int:
    home = StoreSettings().home
    if args.action == "start":
        info, started = start_server(home)
        print(f"{'started' if started else 'already running'}: embedded FalkorDB ({_where(info)})")
        return 0
    if args.action == "stop":
        stopped = stop_server(home)
        if stopped is None:
            print(f"not running (KG_HOME is {home})")
        else:
            print(f"stopped embedded FalkorDB (pid {stopped.pid}); data saved in {home / DATA_DIR}")
        return 0
    status = server_status(home)
    if not status.running or status.info is None:
        saved = f", snapshot of {status.snapshot_bytes} bytes" if status.snapshot_bytes else ""
        print(f"not running (KG_HOME is {home}{saved})")
        return NOT_RUNNING
    print(f"running: embedded FalkorDB ({_where(status.info)})")
    print("\n".join(_graph_sizes(status.info, status.graphs)) or "  no graphs yet")
    return 0
