"""CSV files for ``neo4j-admin database import full``: a whole graph loaded offline into an
empty Neo4j 5 database, far faster than transactions (``kg load``) once there are millions of
rows.

The target is a directory::

    DIR/nodes/Paper.header.csv            id:ID(Paper),:LABEL,title:string,...,year:int
    DIR/nodes/Paper.0001.csv              at most ``max_rows`` rows each (default 1,000,000)
    DIR/relationships/Paper-USES-Method.header.csv
                                          :START_ID(Paper),:END_ID(Method),:TYPE,confidence:double,...
    DIR/relationships/Paper-USES-Method.0001.csv
    DIR/import.sh                         the exact ``neo4j-admin database import full`` command
    DIR/constraints.cypher                the uniqueness constraints to create afterwards

* One file group per node label and per (source label, type, target label), from the row tables
  of :func:`kg.graph.tables.graph_tables` (so the graph is schema-checked first). Each group has a
  header file of its own, written last, then its parts, listed in order in ``import.sh``.
* Ids are strings in one id space per label (``id:ID(Paper)``, ``:START_ID(Paper)``), stored as
  the ``id`` property, as ``kg load`` stores them.
* Property types come from the schema (:mod:`kg.schema`): ``string``, ``string[]``, ``boolean``,
  ``double`` for ``float`` (Neo4j's ``float`` is 32 bits and would round 0.85 to 0.8500000238…),
  and ``int`` for ``integer`` unless a value needs 64 bits (then ``long``). A value of another type
  than the schema's is an :class:`~kg.errors.OutputError`. Properties outside the schema get
  their type from their values.
* Quoting is RFC 4180, as the importer reads it with ``--legacy-style-quoting=false``: the
  delimiter is ``,``, every string (and every array) is quoted with ``"``, a ``"`` inside is
  written twice; commas, semicolons, newlines and any other text stand as they are inside the
  quotes. A missing value (``None``, or an empty list) is an empty unquoted field, which the
  importer leaves unset; an empty string is ``""``, which it stores as an empty string.
* The array delimiter is chosen per export: the first of ``;|^~`#@!$%&*+=<>?/`` that occurs in no
  element of any array value (an array element holding it would be split in two). If every
  candidate occurs, the export fails with an :class:`~kg.errors.OutputError`.
* ``--multiline-fields=true`` is passed only when some string holds a line break, as the
  importer is slower with it.

The directory is written under a temporary name next to it and moved into place when complete.
An existing target is replaced only when it is empty or an earlier export of this format.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import IO, Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.errors import OutputError
from kg.export.registry import PathLike, register, register_tables
from kg.graph.spilled_tables import SpilledTable
from kg.graph.tables import TableShape, graph_tables
from kg.schema import schema

__all__ = [
    "ARRAY_DELIMITERS",
    "DEFAULT_MAX_ROWS",
    "AdminExport",
    "array_delimiter",
    "write_neo4j_admin",
    "write_neo4j_admin_tables",
]

DEFAULT_MAX_ROWS = 1_000_000
DELIMITER = ","
QUOTE = '"'
ARRAY_DELIMITERS = ";|^~`#@!$%&*+=<>?/"
"""Array delimiter candidates, in order of preference: printable, not the delimiter or quote,
and safe inside single quotes in a shell script."""
MARKER = "# written by kg export --format neo4j-admin"
INT32 = range(-(2**31), 2**31)
ROW_BYTES = 320
"""Writing a row costs about as much as writing 320 bytes of its JSON (measured on the
synthetic graph of scripts/bench_load.py: 3.6 µs a row, 11 ns a byte), for sharing the
groups out among processes."""
_SCHEMA_TYPES = {
    "string": "string",
    "string[]": "string[]",
    "integer": "int",
    "float": "double",
    "boolean": "boolean",
}
_BOOLEANS = {True: "true", False: "false"}
_SEPARATOR = "\x00"  # joins the strings of a column to quote them at once (_quoted_column)

Encoder = Callable[[Any], str]
Rows = Sequence[Sequence[Any]]


@dataclass
class AdminExport:
    """What :func:`write_neo4j_admin` wrote."""

    directory: Path
    array_delimiter: str
    multiline: bool
    nodes: int = 0
    relationships: int = 0
    # file groups in import order: (kind, header file, part files), paths relative to directory
    groups: list[tuple[str, str, list[str]]] = field(default_factory=list)


def _quoted(value: str) -> str:
    return QUOTE + value.replace(QUOTE, QUOTE + QUOTE) + QUOTE if QUOTE in value else f'"{value}"'


@dataclass
class _State:
    array_delimiter: str
    multiline: bool = False
    clash: bool = False  # an array element holds the array delimiter (it was only a guess)


class _Column:
    """One property column of a file group: its header type, checked and encoded value by value."""

    def __init__(self, owner: str, name: str, kind: str | None, state: _State) -> None:
        self.owner, self.name, self.kind, self.state = owner, name, kind, state
        self.wide = False  # an integer column with a value beyond 32 bits: long, not int

    def header(self) -> str:
        kind = self.kind or "string"
        if self.wide:
            kind = kind.replace("int", "long")
        return f"{self.name}:{kind}"

    def _wrong(self, value: Any) -> OutputError:
        return OutputError(
            f"{self.owner}: property {self.name!r} is {self.kind} in the schema but holds "
            f"{type(value).__name__} {value!r}"
        )

    def infer(self, value: Any) -> str:
        """The type of a column outside the schema, from its first value."""
        items = list(value) if isinstance(value, list | tuple) else [value]
        first = items[0] if items else ""
        base = (
            "boolean"
            if isinstance(first, bool)
            else "int"
            if isinstance(first, int)
            else "double"
            if isinstance(first, float)
            else "string"
        )
        return base + "[]" if isinstance(value, list | tuple) else base

    def encode(self, value: Any) -> str:
        if self.kind is None:
            self.kind = self.infer(value)
        kind = self.kind
        if kind == "string":
            if type(value) is not str:
                raise self._wrong(value)
            if "\n" in value or "\r" in value:
                self.state.multiline = True
            return _quoted(value)
        if kind.endswith("[]"):
            if not isinstance(value, list | tuple):
                raise self._wrong(value)
            if not value:
                return ""  # no property: the importer has no empty array
            scalar = kind[:-2]
            delimiter = self.state.array_delimiter
            if any(delimiter in str(v) for v in value):  # as array_delimiter looks at them
                self.state.clash = True
            return _quoted(delimiter.join(self._scalar(scalar, v) for v in value))
        return self._scalar(kind, value)

    def _scalar(self, kind: str, value: Any) -> str:
        if kind == "string":
            if type(value) is not str:
                raise self._wrong(value)
            if "\n" in value or "\r" in value:
                self.state.multiline = True
            return value
        if kind == "boolean":
            if type(value) is not bool:
                raise self._wrong(value)
            return "true" if value else "false"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(value)
        if kind in ("int", "long"):
            if not isinstance(value, int):
                raise self._wrong(value)
            if value not in INT32:
                self.wide = True
            return str(value)
        return repr(float(value))  # double: repr is the shortest text that reads back exactly


def _schema_types(table: TableShape) -> dict[str, str]:
    spec = schema()
    if table.kind == "nodes":
        raw = spec.label(table.names[0]).properties
    else:
        raw = spec.relationship(table.names[1]).properties
    return {name: _SCHEMA_TYPES[kind] for name, kind in raw.items()}


def _array_characters(tables: Iterable[TableShape]) -> set[str]:
    """Every character that occurs in an element of an array value of ``tables``."""
    seen: set[str] = set()
    for table in tables:
        positions = range(table.first, table.first + len(table.properties))
        for row in table.each_row():
            for position in positions:
                value = row[position]
                if isinstance(value, list | tuple):
                    for item in value:
                        seen.update(str(item))
    return seen


def array_delimiter(tables: Iterable[TableShape]) -> str:
    """The first of :data:`ARRAY_DELIMITERS` that occurs in no array element of ``tables``."""
    seen = _array_characters(tables)
    free = [c for c in ARRAY_DELIMITERS if c not in seen]
    if not free:
        raise OutputError(
            f"no array delimiter is free: every one of {ARRAY_DELIMITERS} occurs in a list value"
        )
    return free[0]


def _group_key(table: TableShape) -> tuple[str, ...]:
    return (table.kind, *table.names)


def _file_stem(table: TableShape) -> str:
    return "-".join(table.names)


class _Parts:
    """Rows of one file group written to numbered part files of at most ``max_rows`` rows."""

    def __init__(self, directory: Path, stem: str, max_rows: int) -> None:
        self.directory, self.stem, self.max_rows = directory, stem, max_rows
        self.files: list[str] = []
        self.handle: IO[str] | None = None
        self.rows = 0

    def room(self) -> int:
        """How many rows the part being written takes still (a new part once one is full)."""
        if self.handle is None or self.rows == self.max_rows:
            self.close()
            name = f"{self.stem}.{len(self.files) + 1:04d}.csv"
            self.files.append(name)
            # kept open across calls, closed by close(): no with-block can span them
            self.handle = open(self.directory / name, "x", encoding="utf-8", newline="")  # noqa: SIM115
            self.rows = 0
        return self.max_rows - self.rows

    def write(self, lines: str, rows: int) -> None:
        """Write ``rows`` lines, which :meth:`room` said fit."""
        assert self.handle is not None
        self.handle.write(lines)
        self.rows += rows

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


@dataclass
class _Layout:
    """Where the values of one table's rows go in the lines of its file group."""

    width: int  # ids at the start of a row: 1 for a node, 2 for a relationship
    lead: str  # the quoted label or type after the ids
    places: list[tuple[int, int]]  # (position in the row, column of the group)
    columns: list[_Column]
    state: _State


def plain_lines(layout: _Layout, rows: Rows) -> str:
    """The CSV lines of ``rows``, value by value: the reference for :func:`fast_lines`, and the
    way for any block that one does not take."""
    columns, places, width = layout.columns, layout.places, layout.width
    lead = [layout.lead]
    blank = [""] * len(columns)
    lines = []
    for row in rows:
        fields = blank.copy()
        for src, dst in places:
            value = row[src]
            if value is not None:
                fields[dst] = columns[dst].encode(value)
        ids = [_quoted(ident) for ident in row[:width]]
        lines.append(DELIMITER.join(ids + lead + fields) + "\n")
    return "".join(lines)


def _quoted_column(values: Sequence[Any]) -> tuple[list[str], str] | None:
    """Every one of ``values`` quoted, and their text, if all are strings (else None): joined,
    their quotes doubled and split again by C code, not string by string in Python."""
    if set(map(type, values)) != {str}:
        return None
    text = _SEPARATOR.join(values)
    if text.count(_SEPARATOR) != len(values) - 1:
        return None  # a value holds the separator itself
    if QUOTE in text:
        text = text.replace(QUOTE, QUOTE + QUOTE)
    return (QUOTE + text.replace(_SEPARATOR, QUOTE + _SEPARATOR + QUOTE) + QUOTE).split(
        _SEPARATOR
    ), text


def fast_lines(layout: _Layout, rows: Rows) -> str | None:
    """The lines :func:`plain_lines` gives for ``rows``, encoded a column at a time, or None
    when the block has anything but the plain values of a checked table (a missing value, a
    value of another type than its column's, a type without a column encoder here): then
    nothing is changed and :func:`plain_lines` encodes the block (and says what is wrong).
    Most of an export's time was the value-by-value encoding; this path takes a fraction."""
    count = len(rows)
    width, columns = layout.width, layout.columns
    if not count or set(map(len, rows)) != {width + len(layout.places)}:
        return None
    values = list(zip(*rows, strict=True))
    fields: list[Iterable[str]] = []
    for position in range(width):
        ids = _quoted_column(values[position])
        if ids is None:
            return None
        fields.append(ids[0])
    fields.append(repeat(layout.lead, count))
    encoded: list[Iterable[str]] = [repeat("", count) for _ in columns]  # each its own
    kinds: dict[int, str] = {}
    wide: list[int] = []
    texts: list[str] = []  # of strings: a line break in any makes the export multiline
    clash = False
    delimiter = layout.state.array_delimiter
    for src, dst in layout.places:
        column, column_values = columns[dst], values[src]
        kind = column.kind or column.infer(column_values[0])
        types = set(map(type, column_values))
        if kind == "string":
            quoted = _quoted_column(column_values)
            if quoted is None:
                return None
            encoded[dst] = quoted[0]
            texts.append(quoted[1])
        elif kind == "double" and types <= {float, int}:
            encoded[dst] = list(map(repr, map(float, column_values)))
        elif kind == "int" and types == {int}:
            if min(column_values) < INT32.start or max(column_values) >= INT32.stop:
                wide.append(dst)
            encoded[dst] = list(map(str, column_values))
        elif kind == "boolean" and types == {bool}:
            encoded[dst] = list(map(_BOOLEANS.__getitem__, column_values))
        elif kind == "string[]" and types <= {list, tuple}:
            items = list(chain.from_iterable(column_values))
            if items and set(map(type, items)) != {str}:
                return None
            text = _SEPARATOR.join(items)
            clash = clash or delimiter in text
            texts.append(text)
            join = delimiter.join
            encoded[dst] = [_quoted(join(value)) if value else "" for value in column_values]
        else:
            return None
        if column.kind is None:
            kinds[dst] = kind
    for dst, kind in kinds.items():
        columns[dst].kind = kind
    for dst in wide:
        columns[dst].wide = True
    if any("\n" in text or "\r" in text for text in texts):
        layout.state.multiline = True
    layout.state.clash = layout.state.clash or clash
    fields += encoded
    return "\n".join(map(DELIMITER.join, zip(*fields, strict=True))) + "\n"


@dataclass
class _Group:
    """What writing one file group gave."""

    kind: str
    header: str
    parts: list[str]
    rows: int
    multiline: bool
    clash: bool


def layouts(tables: Sequence[TableShape], state: _State) -> list[_Layout]:
    """The layout of each of ``tables``, all of one file group, whose columns they share: the
    schema's properties in its order, then any others by name."""
    first = tables[0]
    types = _schema_types(first)
    names = [n for n in types if any(n in t.properties for t in tables)]
    names += sorted({n for t in tables for n in t.properties} - set(names))
    columns = [_Column(first.group, name, types.get(name), state) for name in names]
    index = {name: i for i, name in enumerate(names)}
    return [
        _Layout(
            width=table.first,
            lead=_quoted(table.names[0] if table.kind == "nodes" else table.names[1]),
            places=[(table.first + i, index[n]) for i, n in enumerate(table.properties)],
            columns=columns,
            state=state,
        )
        for table in tables
    ]


def _write_group(tables: list[TableShape], root: Path, max_rows: int, delimiter: str) -> _Group:
    """Write the header and parts of the file group of ``tables`` (in a worker process, when
    there are several: it depends on nothing else)."""
    state = _State(delimiter)
    first = tables[0]
    kind = first.kind
    sub = "nodes" if kind == "nodes" else "relationships"
    directory = root / sub
    directory.mkdir(exist_ok=True)
    stem = _file_stem(first)
    plan = layouts(tables, state)
    parts = _Parts(directory, stem, max_rows)
    written = 0
    try:
        for table, layout in zip(tables, plan, strict=True):
            for block in table.blocks():
                done = 0
                while done < len(block):
                    room = parts.room()
                    rows = block if not done and len(block) <= room else block[done : done + room]
                    lines = fast_lines(layout, rows)
                    parts.write(plain_lines(layout, rows) if lines is None else lines, len(rows))
                    done += len(rows)
                    written += len(rows)
    finally:
        parts.close()
    columns = plan[0].columns
    if kind == "nodes":
        lead_header = [f"id:ID({first.names[0]})", ":LABEL"]
    else:
        source, _rel, target = first.names
        lead_header = [f":START_ID({source})", f":END_ID({target})", ":TYPE"]
    header = DELIMITER.join(lead_header + [c.header() for c in columns]) + "\n"
    header_name = f"{stem}.header.csv"
    (directory / header_name).write_text(header, encoding="utf-8", newline="")
    return _Group(
        kind,
        f"{sub}/{header_name}",
        [f"{sub}/{p}" for p in parts.files],
        written,
        state.multiline,
        state.clash,
    )


def _import_script(result: AdminExport) -> str:
    options = [
        f"--delimiter='{DELIMITER}'",
        f"--array-delimiter='{result.array_delimiter}'",
        f"--quote='{QUOTE}'",
        f"--multiline-fields={'true' if result.multiline else 'false'}",
        "--legacy-style-quoting=false",
        "--id-type=string",
    ]
    for kind in ("nodes", "relationships"):
        for listed, header, parts in result.groups:
            if listed == kind:
                # one argument per group: its header file first, then its parts, by commas
                paths = ",".join(f"$HERE/{name}" for name in (header, *parts))
                options.append(f'--{kind}="{paths}"')
    lines = [
        "#!/bin/sh",
        MARKER,
        f"# {result.nodes} nodes and {result.relationships} relationships for an empty Neo4j 5",
        "# database, loaded offline. Run it where neo4j-admin runs, with the database stopped",
        "# or not yet created (extra arguments go to neo4j-admin, e.g. --overwrite-destination):",
        "#   sh import.sh [DATABASE [OPTION...]]    (DATABASE: neo4j unless given)",
        "# NEO4J_ADMIN chooses the binary (default: neo4j-admin on the PATH). Afterwards start the",
        "# database (CREATE DATABASE name, unless it is the default one) and create the uniqueness",
        "# constraints kg's loader uses:",
        "#   cypher-shell -d DATABASE -f constraints.cypher    (the file next to this script)",
        "set -eu",
        'HERE=$(cd "$(dirname "$0")" && pwd)',
        'case "$HERE" in *,*)',
        '    echo "import.sh: the export folder\'s path must not hold a comma: $HERE" >&2',
        "    exit 1 ;;",
        "esac",
        'DATABASE="${1:-neo4j}"',
        "if [ $# -gt 0 ]; then shift; fi",
        'exec "${NEO4J_ADMIN:-neo4j-admin}" database import full "$DATABASE" \\',
    ]
    lines += [f"    {option} \\" for option in options]
    lines.append('    "$@"')
    return "\n".join(lines) + "\n"


def _constraints(tables: Sequence[TableShape]) -> str:
    from kg.store.statements import neo4j_constraint  # the names kg's loader gives them

    labels = sorted({t.names[0] for t in tables if t.kind == "nodes"})
    lines = ["// Uniqueness of the id of each label, as kg load creates it."]
    for label in labels:
        statement = " ".join(
            line.strip()
            for line in neo4j_constraint(label).splitlines()
            if line.strip() and not line.lstrip().startswith("//")
        )
        lines.append(statement.rstrip(";") + ";")
    return "\n".join(lines) + "\n"


def _replace(temp: Path, target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"cannot write {target}: it exists and is not a directory")
    if target.is_dir():
        entries = list(target.iterdir())
        script = target / "import.sh"
        earlier = script.is_file() and MARKER in script.read_text(encoding="utf-8", errors="ignore")
        if entries and not earlier:
            raise OutputError(
                f"cannot write {target}: the folder is not empty and not an earlier "
                "neo4j-admin export"
            )
        shutil.rmtree(target)
    os.replace(temp, target)


@register(
    "neo4j-admin",
    extension="",
    description="a folder of CSV files and import.sh for neo4j-admin database import full "
    "(millions of rows into an empty database, offline)",
    directory=True,
)
def write_neo4j_admin(
    graph: nx.MultiDiGraph, target: PathLike, *, max_rows: int = DEFAULT_MAX_ROWS
) -> AdminExport:
    """Write ``graph`` as neo4j-admin import files into the directory ``target``."""
    return write_neo4j_admin_tables(graph_tables(graph), target, max_rows=max_rows)


@register_tables("neo4j-admin")
def write_neo4j_admin_tables(
    tables: Sequence[TableShape],
    target: PathLike,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    workers: int = 1,
) -> AdminExport:
    """Write checked row tables (in memory, or spilled to disk by
    :func:`kg.graph.spilled_tables.spill_tables`, so a graph of millions of rows is never held)
    as neo4j-admin import files into the directory ``target``.

    The rows are read once, with the first array delimiter candidate: only when an array
    element holds it are they read again, to choose the delimiter (:func:`array_delimiter`),
    and written again with it. With ``workers`` above 1, that many processes write the file
    groups (tables in memory are copied to them; spilled ones are read by name); the files are
    the same. One process is the default: on a shared two-core machine two were no faster."""
    if isinstance(target, str | os.PathLike):
        final = Path(os.path.abspath(target))
    else:
        raise OutputError("the neo4j-admin export writes a folder: give its path")
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    grouped: dict[tuple[str, ...], list[TableShape]] = {}
    for table in tables:
        grouped.setdefault(_group_key(table), []).append(table)
    groups = list(grouped.values())
    count = max(1, min(workers, len(groups)))
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
    temp.mkdir()
    try:
        try:
            result = _write_all(groups, temp, max_rows, ARRAY_DELIMITERS[0], count, guess=True)
        except OutputError:
            array_delimiter(tables)  # no free delimiter is said first, as before any writing
            raise
        if result is None:  # an array element holds the guess: choose, and write again
            shutil.rmtree(temp)
            temp.mkdir()
            delimiter = array_delimiter(tables)
            result = _write_all(groups, temp, max_rows, delimiter, count, guess=False)
            assert result is not None
        result.directory = final
        (temp / "import.sh").write_text(_import_script(result), encoding="utf-8")
        (temp / "import.sh").chmod(0o755)
        (temp / "constraints.cypher").write_text(_constraints(tables), encoding="utf-8")
        _replace(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return result


def _weight(tables: list[TableShape]) -> int:
    """How much writing a group costs, about, in bytes: its rows and the size of their file."""
    return sum(
        t.size * ROW_BYTES + (t.path.stat().st_size if isinstance(t, SpilledTable) else 0)
        for t in tables
    )


def _context() -> Any:
    """Forked workers start at once; spawned ones (elsewhere, or beside other threads, which
    a fork would not carry) import the exporter first."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _write_all(
    groups: list[list[TableShape]],
    root: Path,
    max_rows: int,
    delimiter: str,
    workers: int,
    *,
    guess: bool,
) -> AdminExport | None:
    """Write every file group into ``root`` with the array delimiter ``delimiter``: what was
    written, or None when ``delimiter`` was a ``guess`` that an array element holds."""
    if workers <= 1 or len(groups) <= 1:
        written = [_write_group(group, root, max_rows, delimiter) for group in groups]
    else:
        # the costliest groups first, so that no process is left with a big one at the end
        order = sorted(range(len(groups)), key=lambda i: -_weight(groups[i]))
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            futures = {
                i: pool.submit(_write_group, groups[i], root, max_rows, delimiter) for i in order
            }
            written = [futures[i].result() for i in range(len(groups))]  # the first error
    if guess and any(group.clash for group in written):
        return None
    result = AdminExport(root, delimiter, any(group.multiline for group in written))
    for group in written:
        if group.kind == "nodes":
            result.nodes += group.rows
        else:
            result.relationships += group.rows
        result.groups.append((group.kind, group.header, group.parts))
    return result
