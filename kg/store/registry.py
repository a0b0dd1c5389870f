"""Which backend a database URI names, and opening it.

Backends register themselves: a backend module calls :func:`register` when it is imported, with
its name, an opener and the URI schemes it serves (or ``default=True`` for the backend used when
there is no URI). :mod:`kg.store` imports the built-in ones: :mod:`kg.store.falkordb_store`
(no URI -> the embedded FalkorDB; ``falkor``, ``falkors``, ``redis``, ``rediss``, ``unix`` -> a
FalkorDB server) and :mod:`kg.store.neo4j_store` (``bolt``, ``neo4j`` and their ``+s``/``+ssc``
variants).

Adding a backend is one module that implements :class:`~kg.store.backend.GraphStore`, ends with
``register("name", open_name, schemes=(...))`` and imports its driver inside the opener (so that
other backends' commands do not load it), one import line in ``kg/store/__init__.py``, and its
tests: the scheme choosing it, its statements and errors (a recording fake driver will do when no
server can run in the tests), and a load of the shared test graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from kg.errors import StoreError
from kg.store.backend import GraphStore, Notify, notify_stderr
from kg.store.settings import StoreSettings

DEFAULT_GRAPH = "kg"


class Opener(Protocol):
    """Opens a store: ``uri`` is None for the default backend, ``graph`` the graph name asked
    for (backends with one graph per database may ignore it)."""

    def __call__(
        self, uri: str | None, graph: str, settings: StoreSettings, notify: Notify
    ) -> GraphStore: ...


@dataclass(frozen=True)
class Backend:
    """A registered backend."""

    name: str
    opener: Opener
    schemes: frozenset[str]
    default: bool


_BACKENDS: dict[str, Backend] = {}


def register(
    name: str, opener: Opener, *, schemes: Iterable[str] = (), default: bool = False
) -> Backend:
    """Make ``opener`` the way to open URIs of ``schemes`` (or no URI, when ``default``).

    Registering the same name again replaces it; a scheme or the default taken by another
    backend is a programming error (ValueError).
    """
    backend = Backend(name, opener, frozenset(s.lower() for s in schemes), default)
    for other in _BACKENDS.values():
        if other.name == name:
            continue
        if taken := other.schemes & backend.schemes:
            raise ValueError(f"backend {other.name!r} already serves {', '.join(sorted(taken))}")
        if default and other.default:
            raise ValueError(f"backend {other.name!r} is already the default")
    _BACKENDS[name] = backend
    return backend


def backends() -> list[Backend]:
    """The registered backends, by name."""
    return [_BACKENDS[name] for name in sorted(_BACKENDS)]


def schemes() -> list[str]:
    """Every URI scheme some backend serves, sorted."""
    return sorted(s for backend in _BACKENDS.values() for s in backend.schemes)


def redact(uri: str) -> str:
    """``uri`` without a password, fit for messages."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def backend_for(uri: str | None) -> Backend:
    """The backend a ``--uri`` value selects; an unknown scheme is a clear error."""
    if not uri:
        for backend in _BACKENDS.values():
            if backend.default:
                return backend
        raise StoreError("no database URI given and no default backend (use --uri)")
    scheme = urlsplit(uri).scheme.lower()
    for backend in _BACKENDS.values():
        if scheme in backend.schemes:
            return backend
    known = ", ".join(f"{s}://" for s in schemes())
    raise StoreError(f"unsupported database URI {redact(uri)!r} (use one of {known}, or none)")


def open_store(
    uri: str | None = None,
    graph: str = DEFAULT_GRAPH,
    settings: StoreSettings | None = None,
    notify: Notify | None = None,
) -> GraphStore:
    """The store that ``uri`` names: none means ``NEO4J_URI`` from the environment or ``.env``
    when set, else the default backend (the embedded FalkorDB). ``notify`` hears about servers
    started or stale state replaced (default: stderr)."""
    settings = settings or StoreSettings()
    uri = uri or settings.neo4j_uri
    return backend_for(uri).opener(uri or None, graph, settings, notify or notify_stderr)
