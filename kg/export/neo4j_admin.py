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

import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from kg.errors import OutputError
from kg.export.registry import PathLike, register, register_tables
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
_SCHEMA_TYPES = {
    "string": "string",
    "string[]": "string[]",
    "integer": "int",
    "float": "double",
    "boolean": "boolean",
}

Encoder = Callable[[Any], str]


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

    def _infer(self, value: Any) -> str:
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
            self.kind = self._infer(value)
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
            return _quoted(self.state.array_delimiter.join(self._scalar(scalar, v) for v in value))
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


@dataclass
class _State:
    array_delimiter: str
    multiline: bool = False


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

    def write(self, line: str) -> None:
        if self.handle is None or self.rows == self.max_rows:
            self.close()
            name = f"{self.stem}.{len(self.files) + 1:04d}.csv"
            self.files.append(name)
            # kept open across calls, closed by close(): no with-block can span them
            self.handle = open(self.directory / name, "x", encoding="utf-8", newline="")  # noqa: SIM115
            self.rows = 0
        self.handle.write(line)
        self.rows += 1

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _write_group(
    tables: list[TableShape], root: Path, max_rows: int, state: _State, result: AdminExport
) -> None:
    first = tables[0]
    kind = first.kind
    sub = "nodes" if kind == "nodes" else "relationships"
    directory = root / sub
    directory.mkdir(exist_ok=True)
    stem = _file_stem(first)
    owner = first.group
    types = _schema_types(first)
    names = [n for n in types if any(n in t.properties for t in tables)]
    names += sorted({n for t in tables for n in t.properties} - set(names))
    columns = [_Column(owner, name, types.get(name), state) for name in names]
    index = {name: i for i, name in enumerate(names)}
    parts = _Parts(directory, stem, max_rows)
    try:
        for table in tables:
            places = [(table.first + i, index[n]) for i, n in enumerate(table.properties)]
            lead = [_quoted(table.names[0] if kind == "nodes" else table.names[1])]
            width = 1 if kind == "nodes" else 2
            blank = [""] * len(columns)
            written = 0
            for row in table.each_row():
                fields = blank.copy()
                for src, dst in places:
                    value = row[src]
                    if value is not None:
                        fields[dst] = columns[dst].encode(value)
                ids = [_quoted(ident) for ident in row[:width]]
                parts.write(DELIMITER.join(ids + lead + fields) + "\n")
                written += 1
            if kind == "nodes":
                result.nodes += written
            else:
                result.relationships += written
    finally:
        parts.close()
    if kind == "nodes":
        lead_header = [f"id:ID({first.names[0]})", ":LABEL"]
    else:
        source, _rel, target = first.names
        lead_header = [f":START_ID({source})", f":END_ID({target})", ":TYPE"]
    header = DELIMITER.join(lead_header + [c.header() for c in columns]) + "\n"
    header_name = f"{stem}.header.csv"
    (directory / header_name).write_text(header, encoding="utf-8", newline="")
    result.groups.append((kind, f"{sub}/{header_name}", [f"{sub}/{p}" for p in parts.files]))


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
    tables: Sequence[TableShape], target: PathLike, *, max_rows: int = DEFAULT_MAX_ROWS
) -> AdminExport:
    """Write checked row tables (in memory, or spilled to disk by
    :func:`kg.graph.spilled_tables.spill_tables`, so a graph of millions of rows is never held)
    as neo4j-admin import files into the directory ``target``. The rows are read twice: once for
    the array delimiter, once to write them."""
    if isinstance(target, str | os.PathLike):
        final = Path(os.path.abspath(target))
    else:
        raise OutputError("the neo4j-admin export writes a folder: give its path")
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    state = _State(array_delimiter(tables))
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
    temp.mkdir()
    try:
        result = AdminExport(final, state.array_delimiter, False)
        grouped: dict[tuple[str, ...], list[TableShape]] = {}
        for table in tables:
            grouped.setdefault(_group_key(table), []).append(table)
        for group in grouped.values():
            _write_group(group, temp, max_rows, state, result)
        result.multiline = state.multiline
        (temp / "import.sh").write_text(_import_script(result), encoding="utf-8")
        (temp / "import.sh").chmod(0o755)
        (temp / "constraints.cypher").write_text(_constraints(tables), encoding="utf-8")
        _replace(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return result
