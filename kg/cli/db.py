"""``kg db start|stop|status``: the embedded FalkorDB server that ``kg load`` and ``kg query``
start on demand; ``stop`` snapshots the data and shuts it down."""

from __future__ import annotations

import argparse

from kg.errors import EXIT_DATABASE
from kg.store import (
    ServerInfo,
    StoreError,
    StoreSettings,
    graph_counts,
    open_embedded,
    server_status,
    start_server,
    stop_server,
)

NOT_RUNNING = 1
"""``kg db status`` of a server that does not run (not an error: a state)."""
REFUSES_WRITES = EXIT_DATABASE
"""``kg db status`` of a server that runs but refuses writes (its snapshot failed)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "db",
        help="start, stop or inspect the embedded FalkorDB server",
        description="Manage the embedded FalkorDB server. Its data lives in KG_HOME "
        "(default: the user data directory, e.g. ~/.local/share/kg).",
    )
    parser.add_argument("action", choices=("start", "stop", "status"))
    parser.set_defaults(func=run)


def _where(info: ServerInfo) -> str:
    return f"pid {info.pid}, 127.0.0.1:{info.port}, data in {info.data_dir}"


def _graph_sizes(settings: StoreSettings, graphs: list[str]) -> list[str]:
    lines = []
    for name in graphs:
        try:
            store = open_embedded(name, settings)
            try:
                counts = graph_counts(store)
            finally:
                store.close()
        except StoreError as exc:
            lines.append(f"  graph {name!r}: cannot count ({exc.message})")
            continue
        lines.append(
            f"  graph {name!r}: {counts.node_total} nodes, "
            f"{counts.relationship_total} relationships"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    settings = StoreSettings()
    home = settings.home
    if args.action == "start":
        info, started = start_server(home)
        print(f"{'started' if started else 'already running'}: embedded FalkorDB ({_where(info)})")
        return 0
    if args.action == "stop":
        stopped = stop_server(home)
        if stopped is None:
            print(f"not running (KG_HOME is {home})")
        else:
            print(
                f"stopped embedded FalkorDB (pid {stopped.pid}); data saved in {stopped.data_dir}"
            )
        return 0
    status = server_status(home)
    if not status.running or status.info is None:
        saved = f", snapshot of {status.snapshot_bytes} bytes" if status.snapshot_bytes else ""
        print(f"not running (KG_HOME is {home}{saved})")
        return NOT_RUNNING
    if status.snapshot_error is not None:
        print(f"running, but refusing writes: embedded FalkorDB ({_where(status.info)})")
        print(f"  {status.snapshot_error}")
        return REFUSES_WRITES
    print(f"running: embedded FalkorDB ({_where(status.info)})")
    print("\n".join(_graph_sizes(settings, status.graphs)) or "  no graphs yet")
    return 0
