"""Every output format behind one registry of writers.

A writer is registered under a name (``graphml``, ``json``, ``cypher``, ``extractions``) with
the file extension it writes, a one-line description, whether it writes bytes or text, and what
it writes: a ``graph`` (a NetworkX ``MultiDiGraph`` in the project's schema) or ``extractions``
(an iterable of :class:`~kg.models.PaperExtraction`). It is called as ``write(data, target)``,
where ``target`` is a path (``str`` or :class:`~pathlib.Path`) or an open file, binary or text
as the format needs.

Writers open paths through :func:`open_binary` / :func:`open_text`, which write a temporary
file in the target's directory and move it into place only once it is complete, so an
interrupted export never leaves a truncated file; an open file is written as it is and left
open.

Adding an output format is one module in ``kg/export`` whose writer registers itself with
``@register(...)`` (and is imported in ``kg/export/__init__.py``), plus its tests. A writer
registered with ``directory=True`` writes a folder: its target is always a path. ``kg export
--format`` offers every ``graph`` writer. A graph format may also register, with
``@register_tables(name)``, a writer of the graph's row tables (:mod:`kg.graph.tables`): ``kg
export`` of a built graph then streams the GraphML into tables on disk and never holds the
graph in NetworkX.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal, TypeVar

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.errors import OutputError

PathLike = str | os.PathLike[str]
BinaryTarget = PathLike | IO[bytes]
TextTarget = PathLike | IO[str]
Kind = Literal["graph", "extractions"]

STDOUT = "-"
"""The output name that means standard output (``kg export -o -``)."""


@dataclass(frozen=True)
class Writer:
    """One output format."""

    name: str
    extension: str  # with the dot: ".graphml"
    description: str
    write: Callable[[Any, Any], object]  # (data, target); what it returns is the writer's own
    binary: bool = False  # writes bytes (an open target must be a binary file)
    kind: Kind = "graph"
    directory: bool = False  # writes a folder of files (the target is the folder's path)
    # (row tables, target): writes the same output from the graph's row tables, which may be
    # spilled to disk, so a built graph too big for NetworkX is exported without holding it
    write_tables: Callable[[Any, Any], object] | None = None


_WRITERS: dict[str, Writer] = {}

W = TypeVar("W", bound=Callable[..., object])


def register(
    name: str,
    *,
    extension: str,
    description: str,
    binary: bool = False,
    kind: Kind = "graph",
    directory: bool = False,
) -> Callable[[W], W]:
    """Register the decorated ``write(data, target)`` function as the writer of ``name``."""

    def add(write: W) -> W:
        if name in _WRITERS:
            raise ValueError(f"an output format named {name!r} is already registered")
        _WRITERS[name] = Writer(name, extension, description, write, binary, kind, directory)
        return write

    return add


def register_tables(name: str) -> Callable[[W], W]:
    """Register the decorated ``write(tables, target)`` function as the row-table writer of the
    already registered graph format ``name``."""

    def add(write: W) -> W:
        known = writer(name)
        if known.kind != "graph":
            raise ValueError(f"{name!r} is not a graph format")
        _WRITERS[name] = replace(known, write_tables=write)
        return write

    return add


def writer(name: str) -> Writer:
    """The writer registered as ``name``."""
    try:
        return _WRITERS[name]
    except KeyError:
        known = ", ".join(sorted(_WRITERS))
        raise OutputError(f"unknown output format {name!r} (known: {known})") from None


def writers(kind: Kind | None = None) -> list[Writer]:
    """The registered writers (of ``kind``, when given), by name."""
    return [w for _, w in sorted(_WRITERS.items()) if kind is None or w.kind == kind]


def graph_formats() -> tuple[str, ...]:
    """The names of the formats a graph can be exported as."""
    return tuple(w.name for w in writers("graph"))


@contextmanager
def open_binary(target: BinaryTarget) -> Iterator[IO[bytes]]:
    """``target`` as a binary file: a path is written atomically, an open file as it is."""
    if isinstance(target, str | os.PathLike):
        with _atomic(Path(target), binary=True) as handle:
            yield handle
    else:
        yield target


@contextmanager
def open_text(target: TextTarget) -> Iterator[IO[str]]:
    """``target`` as a UTF-8 text file: a path is written atomically, an open file as it is."""
    if isinstance(target, str | os.PathLike):
        with _atomic(Path(target), binary=False) as handle:
            yield handle
    else:
        yield target


@contextmanager
def _atomic(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """The one helper that opens output paths: a temporary file next to ``path``, moved onto
    it with ``os.replace`` once written and synced, removed if anything goes wrong. A target
    that exists and is not a regular file (``/dev/null``, a pipe) is written directly."""
    real = Path(os.path.realpath(path))  # through a symlink, so the link stays a link
    if real.exists() and not real.is_file():
        with open(real, "wb") if binary else open(real, "w", encoding="utf-8") as handle:
            yield handle
        return
    temp = real.with_name(f".{real.name}.{secrets.token_hex(6)}.tmp")
    try:
        # "x": created new, with the usual permissions (0666 less the umask)
        with open(temp, "xb") if binary else open(temp, "x", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, real)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


@contextmanager
def staged(paths: Sequence[PathLike]) -> Iterator[list[Path]]:
    """Temporary names next to each of ``paths`` (dot-files in the same folder) for the block to
    write; when it completes every one is synced and moved onto its path, one ``os.replace``
    after another. If the block fails or is interrupted the temporary files are removed and
    the previous files at ``paths`` are left untouched."""
    token = secrets.token_hex(6)
    reals = [Path(os.path.realpath(path)) for path in paths]
    temps = [real.with_name(f".{real.name}.{token}.tmp") for real in reals]
    try:
        yield temps
        for temp in temps:
            fd = os.open(temp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for temp, real in zip(temps, reals, strict=True):
            os.replace(temp, real)
    except BaseException:
        for temp in temps:
            with suppress(OSError):
                os.unlink(temp)
        raise


def standard_output(binary: bool) -> IO[Any]:
    """Standard output, as bytes or text."""
    sys.stdout.flush()
    return sys.stdout.buffer if binary else sys.stdout


def export_graph(graph: nx.MultiDiGraph, fmt: str, output: PathLike | IO[Any]) -> None:
    """Write ``graph`` as ``fmt`` (one of :func:`graph_formats`) to ``output``: a path, an open
    file, or ``-`` for standard output. A path that cannot be written is an
    :class:`~kg.errors.OutputError`."""
    spec = writer(fmt)
    if spec.kind != "graph":
        raise OutputError(f"{fmt!r} is not a graph format (graph formats: {graph_formats()})")
    if spec.directory and (not isinstance(output, str | os.PathLike) or output == STDOUT):
        raise OutputError(f"{fmt!r} writes a folder: give its path, not a file or standard output")
    stdout = standard_output(spec.binary) if isinstance(output, str) and output == STDOUT else None
    try:
        spec.write(graph, output if stdout is None else stdout)
        if stdout is not None:
            stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away (``kg export ... -o - | head``): not an error of ours
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc


@register(
    "cypher",
    extension=".cypher",
    description="a script of Cypher MERGE statements, safe to run more than once",
)
def write_cypher(graph: nx.MultiDiGraph, target: TextTarget) -> int:
    """Write the Cypher script of ``graph``; returns the number of statements."""
    # Imported here: the script writer needs the store's schema checks, which a GraphML or
    # JSON export does not.
    from kg.export.cypher import write_script

    with open_text(target) as handle:
        return write_script(graph, handle)
